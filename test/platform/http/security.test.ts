import { describe, expect, it } from 'vitest';
import { app } from '../../../src/index.ts';
import { request } from '../../support/app.ts';

// Every GET route of the app, with its parameters filled in, plus error responses.
const PARAMS: Record<string, string> = { slug: 'cast-2020', token: 'A'.repeat(43), id: '1' };
const routePaths = [
  ...new Set(
    app.routes
      .filter((r) => r.method === 'GET' && !r.path.includes('*'))
      .map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => PARAMS[name] ?? '1')),
  ),
];
const extra = ['/p/no-such-pledge', '/api/nothing', '/p/cast-2020/sign'];

function checkHeaders(path: string, res: Response, body: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'none'");
  expect(csp, path).toMatch(/script-src 'nonce-[A-Za-z0-9+/]{20,}'/);
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
  // Every inline <script> and <style> carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  for (const tag of body.match(/<(script|style)\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
}

describe('security headers, route by route', () => {
  it('covers a meaningful set of routes', () => {
    expect(routePaths).toEqual(expect.arrayContaining(['/', '/p/cast-2020', '/api/pledges/cast-2020/counts', '/confirm/' + PARAMS.token]));
  });

  for (const path of [...routePaths, ...extra]) {
    it(`GET ${path}`, async () => {
      const res = await request(path, { headers: { upgrade: '' } });
      expect(res.status, path).toBeLessThan(500);
      checkHeaders(path, res, await res.text());
    });
  }

  it('on JSON errors and refusals too', async () => {
    for (const [path, init] of [
      ['/api/pledges/cast-2020/signatures', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      ['/p/cast-2020/sign', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' }],
    ] as const) {
      const res = await request(path, init);
      expect(res.status).toBeGreaterThanOrEqual(400);
      checkHeaders(path, res, await res.text());
    }
  });

  it('uses a fresh nonce per response', async () => {
    const a = (await request('/p/cast-2020')).headers.get('content-security-policy');
    const b = (await request('/p/cast-2020')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });
});
