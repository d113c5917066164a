import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker, { app } from '../../../src/index.ts';
import { forgetPledges } from '../../../src/pledges/pledges.cache.ts';
import { confirm, sign } from '../../support/signers.ts';

// Issue 14: a warm isolate answers the pledge page and the counts API from the whole
// response the app gave a moment ago (src/platform/http/hot-responses.ts), without
// running the app, and never with an answer meant for one visitor.
const warmEnv = { ...env, READ_CACHE_MS: '60000' } as unknown as Env;

async function get(path: string, headers: Record<string, string> = {}, e: Env = warmEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://localhost:8787${path}`, { headers }) as Request<unknown, IncomingRequestCfProperties>, e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('kept responses of the hottest reads', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetPledges();
  });

  it("replays the app's own response, bytes and headers, without running the app; 304 by ETag", async () => {
    forgetPledges();
    const runs = vi.spyOn(app, 'fetch');
    const first = await get('/p/cast-2020?lang=en', { cookie: 'lang=en' });
    const firstBody = await first.text();
    const second = await get('/p/cast-2020?lang=en', { cookie: 'lang=en' });
    expect(runs).toHaveBeenCalledTimes(1);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect([...second.headers]).toEqual([...first.headers]);
    expect(second.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const revalidated = await get('/p/cast-2020?lang=en', { cookie: 'lang=en', 'if-none-match': tag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(tag);
    expect(await revalidated.text()).toBe('');
    expect(runs).toHaveBeenCalledTimes(1);
  });

  it('a confirmation in this isolate is in the next answer at once', async () => {
    forgetPledges();
    const before = (await (await get('/api/pledges/cast-2020/counts')).json()) as { individuals: number };
    const signed = await sign();
    await confirm(signed.confirm);
    const after = (await (await get('/api/pledges/cast-2020/counts')).json()) as { individuals: number };
    expect(after.individuals).toBe(before.individuals + 1);
  });

  it('an answer that sets the language cookie is never kept; languages are kept apart', async () => {
    forgetPledges();
    const runs = vi.spyOn(app, 'fetch');
    const a = await get('/p/cast-2020?lang=zh-Hans');
    const b = await get('/p/cast-2020?lang=zh-Hans', { cookie: 'lang=en' });
    expect(a.headers.get('set-cookie')).toContain('lang=zh-Hans');
    expect(b.headers.get('set-cookie')).toContain('lang=zh-Hans');
    expect(runs).toHaveBeenCalledTimes(2);
    // Negotiated pages: one kept copy per language, chosen as the app chooses.
    const en = await (await get('/p/cast-2020', { 'accept-language': 'en' })).text();
    const hans = await (await get('/p/cast-2020', { 'accept-language': 'zh-CN' })).text();
    const hant = await (await get('/p/cast-2020', { cookie: 'lang=zh-Hant', 'accept-language': 'en' })).text();
    expect(en).toContain('lang="en"');
    expect(hans).toContain('lang="zh-Hans"');
    expect(hant).toContain('lang="zh-Hant"');
    expect(await (await get('/p/cast-2020', { 'accept-language': 'en' })).text()).toBe(en);
    expect(runs).toHaveBeenCalledTimes(5);
  });

  it('keeps nothing else: other paths, errors, and READ_CACHE_MS=0', async () => {
    const runs = vi.spyOn(app, 'fetch');
    await get('/p/no-such-pledge');
    await get('/p/no-such-pledge');
    await get('/p/cast-2020/stats?lang=en', { cookie: 'lang=en' });
    await get('/p/cast-2020/stats?lang=en', { cookie: 'lang=en' });
    const off = { ...env, READ_CACHE_MS: '0' } as unknown as Env;
    await get('/api/pledges/cast-2020/counts', {}, off);
    await get('/api/pledges/cast-2020/counts', {}, off);
    expect(runs).toHaveBeenCalledTimes(6);
  });
});
