import { describe, expect, it } from 'vitest';
import { app } from '../../../src/index.ts';
import { request } from '../../support/app.ts';

// Every GET route of the app, with its parameters filled in, plus error responses.
const PARAMS: Record<string, string> = { slug: 'cast-2020', token: 'A'.repeat(43), id: '1' };
const routePaths = [
  ...new Set(app.routes.filter((r) => r.method === 'GET' && !r.path.includes('*')).map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => PARAMS[name] ?? '1'))),
];
const extra = ['/p/no-such-pledge', '/api/nothing', '/p/cast-2020/sign'];

function checkHeaders(path: string, res: Response, body: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'none'");
  expect(csp, path).toMatch(/script-src 'self'(;| https:\/\/challenges\.cloudflare\.com;)/);
  expect(csp, path).not.toContain("'nonce-");
  expect(csp, path).not.toContain("'unsafe-inline'");
  expect(csp, path).not.toContain("'unsafe-eval'");
  if (path.startsWith('/embed/')) expect(csp, path).not.toContain("frame-ancestors 'none'");
  else {
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options'), path).toBe('DENY');
  }
  const hsts = /max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '');
  expect(Number(hsts?.[1]), path).toBeGreaterThanOrEqual(31_536_000);
  expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), path).toMatch(/^(no-referrer|strict-origin-when-cross-origin|same-origin)$/);
  expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
  // No inline script at all; every script is a same-origin (or Turnstile) file.
  for (const tag of body.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/ src="(\/|https:\/\/challenges\.cloudflare\.com\/)/);
  // Every inline <style> is allowed by the hash of exactly its text.
  return (async () => {
    for (const [, css] of body.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css)));
      expect(csp, path).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
    }
    expect(body, path).not.toMatch(/<style [^>]*>/);
  })();
}

describe('security headers, route by route', () => {
  it('covers a meaningful set of routes', () => {
    expect(routePaths).toEqual(expect.arrayContaining(['/', '/p/cast-2020', '/api/pledges/cast-2020/counts', '/confirm/' + PARAMS.token]));
  });

  for (const path of [...routePaths, ...extra]) {
    it(`GET ${path}`, async () => {
      const res = await request(path, { headers: { upgrade: '' } });
      expect(res.status, path).toBeLessThan(500);
      await checkHeaders(path, res, await res.text());
    });
  }

  it('on JSON errors and refusals too', async () => {
    for (const [path, init] of [
      ['/api/pledges/cast-2020/signatures', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      ['/p/cast-2020/sign', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' }],
    ] as const) {
      const res = await request(path, init);
      expect(res.status).toBeGreaterThanOrEqual(400);
      await checkHeaders(path, res, await res.text());
    }
  });

  it('sends the same page and policy to every visitor, so caches can keep it', async () => {
    const a = await request('/p/cast-2020?lang=en');
    const b = await request('/p/cast-2020?lang=en', { headers: { 'cf-connecting-ip': '203.0.113.9' } });
    expect(a.headers.get('content-security-policy')).toBe(b.headers.get('content-security-policy'));
    expect(await a.text()).toBe(await b.text());
  });
});
