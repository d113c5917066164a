import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetCounts } from '../../../src/counts/counts.cache.ts';
import { app } from '../../../src/index.ts';
import { forgetPledges } from '../../../src/pledges/pledges.cache.ts';
import { request } from '../../support/app.ts';
import { faultyD1 } from '../../support/faulty-d1.ts';

// Public pages carry no per-visitor bytes, so browsers and shared caches can keep them;
// private pages never are kept.
const PUBLIC = ['/p/cast-2020', '/p/cast-2020/stats', '/p/cast-2020/signatories', '/p/cast-2020/verify', '/p/cast-2020/endorse', '/embed/cast-2020', '/docs/api'];
const withCookie = (lang: string) => ({ headers: { cookie: `lang=${lang}` } });

describe('public pages from cache', () => {
  for (const path of PUBLIC) {
    it(`${path}?lang= is public for a few seconds, with an ETag that answers 304`, async () => {
      const res = await request(`${path}?lang=en`, withCookie('en'));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
      expect(res.headers.get('set-cookie')).toBeNull();
      const tag = res.headers.get('etag');
      expect(tag).toBeTruthy();
      const again = await request(`${path}?lang=en`, { headers: { cookie: 'lang=en', 'if-none-match': tag! } });
      expect(again.status).toBe(304);
    });
  }

  it('one copy per language: the URL decides, the cookie is only remembered privately', async () => {
    const [en, hans] = await Promise.all([request('/p/cast-2020?lang=en', withCookie('en')), request('/p/cast-2020?lang=zh-Hans', withCookie('zh-Hans'))]);
    expect(await en.text()).not.toBe(await hans.text());
    // The first visit with ?lang= sets the cookie: that answer is not for shared caches.
    const first = await request('/p/cast-2020?lang=en');
    expect(first.headers.get('set-cookie')).toContain('lang=en');
    expect(first.headers.get('cache-control')).toMatch(/^private, max-age=5/);
    // Without ?lang= the page is negotiated from cookie and Accept-Language: private.
    const negotiated = await request('/p/cast-2020', { headers: { 'accept-language': 'en' } });
    expect(negotiated.headers.get('cache-control')).toMatch(/^private/);
    expect(negotiated.headers.get('vary')).toContain('Accept-Language');
  });

  it('private pages stay no-store', async () => {
    for (const path of [`/confirm/${'A'.repeat(43)}`, `/withdraw/${'A'.repeat(43)}`, '/admin', '/admin/login']) {
      const res = await request(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('the page and the counts from a warm isolate', () => {
  afterEach(() => {
    forgetCounts();
    forgetPledges();
  });

  it('answers the pledge page and the counts API without a D1 round trip', async () => {
    const statements: string[] = [];
    const counting = faultyD1(env.DB, (sql) => (statements.push(sql), false));
    const warmEnv = { ...env, DB: counting, READ_CACHE_MS: '60000' };
    const call = async (path: string) => {
      const ctx = createExecutionContext();
      const res = await app.request(`http://localhost:8787${path}`, { headers: { cookie: 'lang=en' } }, warmEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const cold = [await call('/p/cast-2020?lang=en'), await call('/api/pledges/cast-2020/counts')];
    expect(cold.map((r) => r.status)).toEqual([200, 200]);
    expect(statements.length).toBeGreaterThan(0);
    statements.length = 0;
    const warm = [await call('/p/cast-2020?lang=en'), await call('/api/pledges/cast-2020/counts')];
    expect(warm.map((r) => r.status)).toEqual([200, 200]);
    expect(await warm[0]!.text()).toBe(await (await call('/p/cast-2020?lang=en')).text());
    expect(statements).toEqual([]);
  });
});
