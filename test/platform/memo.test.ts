import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetCounts } from '../../src/counts/counts.cache.ts';
import { Memo } from '../../src/platform/memo.ts';
import { forgetPledges } from '../../src/pledges/pledges.cache.ts';
import { json, postJson } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { signer, signJson } from '../support/signers.ts';

describe('Memo', () => {
  it('answers from memory within the TTL, shares concurrent loads, and forgets on demand', async () => {
    const memo = new Memo<string, number>();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([memo.get('a', 10_000, load), memo.get('a', 10_000, load)])).toEqual([1, 1]);
    expect(await memo.get('a', 10_000, load)).toBe(1);
    memo.forget('a');
    expect(await memo.get('a', 10_000, load)).toBe(2);
    expect(await memo.get('a', 0, load)).toBe(3); // TTL 0: always loads
    expect(await memo.get('b', 10_000, load, () => false)).toBe(4); // not kept
    expect(await memo.get('b', 10_000, load)).toBe(5);
  });
});

describe('read cache on the counts API', () => {
  afterEach(() => {
    (env as { READ_CACHE_MS: string }).READ_CACHE_MS = '0';
    forgetCounts();
    forgetPledges();
  });

  it('serves the counters from memory, and a confirmation in this isolate refreshes them at once', async () => {
    (env as { READ_CACHE_MS: string }).READ_CACHE_MS = '60000';
    const first = (await json<{ individuals: number }>('/api/pledges/cast-2020/counts')).body.individuals;
    // A change behind the app's back is not seen while the entry lives...
    await env.DB.prepare(`UPDATE counters SET value = value + 100 WHERE metric = 'individuals' AND bucket = ''`).run();
    expect((await json<{ individuals: number }>('/api/pledges/cast-2020/counts')).body.individuals).toBe(first);
    // ...but a change made through the app drops it.
    const person = signer();
    await signJson(person);
    await postJson('/api/signatures/confirm', { token: tokenIn((await mailsTo(person.email))[0], 'confirm') });
    expect((await json<{ individuals: number }>('/api/pledges/cast-2020/counts')).body.individuals).toBe(first + 101);
    await env.DB.prepare(`UPDATE counters SET value = value - 100 WHERE metric = 'individuals' AND bucket = ''`).run();
  });
});
