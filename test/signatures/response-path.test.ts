import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { countedD1, emptyTally } from '../../bench/worker/d1-counter.ts';
import { app } from '../../src/index.ts';
import { nextIp } from '../support/app.ts';
import { appEnv, drainQueues, signQueue } from '../support/queues.ts';
import { confirmedRows, counts, sign } from '../support/signers.ts';

// Issue 14: what the hot requests do before they answer. Confirmation is one D1
// statement (it finds the link, applies it and counts), and the live-count notification
// and milestone check are not awaited; a sign request writes nothing to D1 (it
// enqueues; the consumer writes).

// A LIVE binding whose publish() hangs until released: the answer must not wait for it.
function hangingLive() {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const calls: number[] = [];
  const stub = {
    publish: async (pledgeId: number) => {
      calls.push(pledgeId);
      await released;
    },
  };
  const live = { idFromName: (name: string) => name, get: () => stub } as unknown as Env['LIVE'];
  return { live, calls, release };
}

const post = (path: string, body: unknown, overrides: Partial<Env>) => {
  const ctx = createExecutionContext();
  const res = app.request(
    `http://localhost:8787${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: JSON.stringify(body) },
    appEnv(overrides),
    ctx,
  );
  return { res, ctx };
};

describe('the response path', () => {
  it('confirm: one D1 statement, and the answer does not wait for the live-count notification', async () => {
    const signed = await sign();
    const before = await counts();
    const tally = emptyTally();
    const { live, calls, release } = hangingLive();
    const { res, ctx } = post('/api/signatures/confirm', { token: signed.confirm }, { DB: countedD1(env.DB, [tally]), LIVE: live });
    const answer = await res;
    // Answered while the notification still hangs.
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'confirmed', alreadyConfirmed: false });
    // The milestone check follows the notification, which still hangs: so far only the
    // response path has used D1.
    expect(tally).toMatchObject({ roundTrips: 1, statements: 1, writeTx: 1 });
    expect(calls).toHaveLength(1);
    release();
    await waitOnExecutionContext(ctx);
    expect((await counts()).individuals).toBe(before.individuals + 1);
    expect(await confirmedRows()).toBe((await counts()).individuals);
  });

  it('confirm again, an unknown token, an expired link: two statements each (the attempt, then why), no notification', async () => {
    const signed = await sign();
    const { live, calls } = hangingLive();
    const once = emptyTally();
    await (await post('/api/signatures/confirm', { token: signed.confirm }, { DB: countedD1(env.DB, [once]) }).res).text();
    for (const token of [signed.confirm, 'A'.repeat(43)]) {
      const tally = emptyTally();
      const answer = await post('/api/signatures/confirm', { token }, { DB: countedD1(env.DB, [tally]), LIVE: live }).res;
      expect([200, 404]).toContain(answer.status);
      expect(tally.roundTrips).toBe(2);
    }
    const late = await sign();
    await env.DB.prepare(`UPDATE signature_tokens SET expires_at = 1 WHERE kind = 'confirm' AND signature_id = (SELECT id FROM signatures WHERE email = ?1)`)
      .bind(late.email)
      .run();
    const tally = emptyTally();
    const answer = await post('/api/signatures/confirm', { token: late.confirm }, { DB: countedD1(env.DB, [tally]), LIVE: live }).res;
    expect(answer.status).toBe(410);
    expect(tally.roundTrips).toBe(2);
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(late.email).first('state')).toBe('pending');
    expect(calls).toHaveLength(0);
  });

  it('sign: no D1 write before the answer; a 202 means the signature is in the queue', async () => {
    const tally = emptyTally();
    const held: unknown[] = [];
    const queue = { send: async (body: unknown) => void held.push(body) } as unknown as Queue;
    const email = `path-${crypto.randomUUID().slice(0, 8)}@example.edu`;
    const { res, ctx } = post(
      '/api/pledges/cast-2020/signatures',
      { name: 'Path Signer', email, affiliation: 'Path University', field: 'science', region: 'CN-BJ' },
      { DB: countedD1(env.DB, [tally]), SIGN_QUEUE: queue },
    );
    const answer = await res;
    await waitOnExecutionContext(ctx);
    expect(answer.status).toBe(202);
    // (Reads only: the pledge and its texts, which a warm isolate has in memory.)
    expect(tally.writeTx).toBe(0);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ input: { email } });
  });
});

// Concurrent confirmations share D1 transactions (src/platform/db/group-commit.ts): the
// ones that arrive while another's round is at D1 go in the next round together. These
// share the test's request context; separate requests to the real server (each its own
// context) are in test/e2e/concurrent-writes.test.ts, because this test pool turns off
// the runtime's cross-request promise handling that production and wrangler dev have.
describe('concurrent confirmations', () => {
  const confirmJson = (token: string, DB: D1Database) => post('/api/signatures/confirm', { token }, { DB });

  it('commit together: every one answered confirmed, counted once, in fewer write transactions than confirmations', async () => {
    const signed = await Promise.all(Array.from({ length: 12 }, () => sign()));
    const before = await counts();
    const tally = emptyTally();
    const DB = countedD1(env.DB, [tally]);
    const calls = signed.map((s) => confirmJson(s.confirm, DB));
    const answers = await Promise.all(calls.map((c) => c.res));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ status: 'confirmed', alreadyConfirmed: false });
    }
    await Promise.all(calls.map((c) => waitOnExecutionContext(c.ctx)));
    // One statement per confirmation, in fewer transactions (the first goes alone, the
    // others wait for it and go together).
    expect(tally.statements).toBeGreaterThanOrEqual(12);
    expect(tally.writeTx).toBeLessThan(12);
    expect((await counts()).individuals).toBe(before.individuals + 12);
    expect(await confirmedRows()).toBe((await counts()).individuals);
  });

  it('the same link twice at once: one confirmation, the other "already confirmed", counted once', async () => {
    const [a, b] = [await sign(), await sign()];
    const before = await counts();
    const calls = [a.confirm, a.confirm, b.confirm, a.confirm].map((t) => confirmJson(t, env.DB));
    const bodies = await Promise.all(calls.map(async (c) => (await (await c.res).json()) as { alreadyConfirmed: boolean }));
    await Promise.all(calls.map((c) => waitOnExecutionContext(c.ctx)));
    expect(bodies.map((x) => x.alreadyConfirmed)).toEqual([false, true, false, true]);
    expect((await counts()).individuals).toBe(before.individuals + 2);
  });
});

describe('concurrent signatures', () => {
  it('reach the queue in fewer calls than signatures; every 202 becomes its row', async () => {
    // The test's queue, each call taking a few milliseconds as a real binding's does.
    const calls: number[] = [];
    const takesTime = () => new Promise((r) => setTimeout(r, 5));
    const queue = {
      send: async (body: unknown, options?: QueueSendOptions) => {
        calls.push(1);
        await takesTime();
        await signQueue.send(body, options);
      },
      sendBatch: async (messages: Iterable<MessageSendRequest>) => {
        const list = [...messages];
        calls.push(list.length);
        await takesTime();
        await signQueue.sendBatch(list);
      },
    } as unknown as Queue;
    const emails = Array.from({ length: 12 }, (_, i) => `burst-${i}-${crypto.randomUUID().slice(0, 8)}@example.edu`);
    const posts = emails.map((email) =>
      post('/api/pledges/cast-2020/signatures', { name: 'Burst Signer', email, affiliation: 'Burst University', field: 'science', region: 'CN-BJ' }, { SIGN_QUEUE: queue }),
    );
    const answers = await Promise.all(posts.map((p) => p.res));
    await Promise.all(posts.map((p) => waitOnExecutionContext(p.ctx)));
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 202));
    // Every signature sent once, in fewer calls than signatures.
    expect(calls.reduce((a, b) => a + b, 0)).toBe(12);
    expect(calls.length).toBeLessThan(12);
    await drainQueues();
    for (const email of emails) {
      expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(email).first('n')).toBe(1);
    }
  });
});
