import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSession, readSession } from '../../src/admin/session.ts';
import { app } from '../../src/index.ts';
import { sessionCookie } from '../support/admin.ts';
import { ORIGIN, request } from '../support/app.ts';

// Every organiser route the app has, with sample parameters.
const adminRoutes = app.routes
  .filter((r) => r.method !== 'ALL' && (r.path === '/admin' || r.path.startsWith('/admin/') || r.path.startsWith('/api/admin/')))
  .map((r) => ({
    method: r.method,
    path:
      r.path
        .replace(/:what\{[^}]*\}/, 'signatures.csv')
        .replace(/:id/, '1')
        .replace(/:slug/, 'cast-2020')
        .replace(/\/$/, '') || '/admin',
  }))
  .filter((r) => !r.path.startsWith('/admin/login'));

const unique = [...new Map(adminRoutes.map((r) => [`${r.method} ${r.path}`, r])).values()];

function call(r: { method: string; path: string }, headers: Record<string, string>) {
  const isForm = r.method === 'POST' && !r.path.startsWith('/api/');
  return request(r.path, {
    method: r.method,
    redirect: 'manual',
    headers: isForm ? { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers } : { 'content-type': 'application/json', ...headers },
    body: r.method === 'GET' ? undefined : isForm ? 'reason=x&back=%2Fadmin' : '{}',
  });
}

// Refused: 401/403, or for a console GET a redirect to the login form.
async function expectRefused(r: { method: string; path: string }, res: Response) {
  if (res.status === 303 && r.method === 'GET' && !r.path.startsWith('/api/')) {
    expect(res.headers.get('location'), `${r.method} ${r.path}`).toMatch(/^\/admin\/login\?next=/);
    return;
  }
  expect([401, 403], `${r.method} ${r.path} answered ${res.status}`).toContain(res.status);
}

describe('organiser access', () => {
  it('knows the organiser routes it protects', () => {
    const paths = unique.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /admin',
        'POST /admin/endorsements/1/verify',
        'POST /admin/signatures/bulk',
        'GET /api/admin/endorsements',
        'POST /api/admin/endorsements/1/verify',
        'POST /api/admin/pledges',
      ]),
    );
    expect(unique.length).toBeGreaterThan(30);
  });

  it('refuses every /admin and /api/admin route without credentials or with a wrong token', async () => {
    for (const r of unique) {
      await expectRefused(r, await call(r, {}));
      await expectRefused(r, await call(r, { authorization: 'Bearer wrong-token', cookie: 'admin_session=nonsense' }));
      // The bearer token is for the API; it does not open the console.
      if (!r.path.startsWith('/api/')) await expectRefused(r, await call(r, { authorization: 'Bearer test-admin-token' }));
    }
  });

  it('refuses every console route with an expired or tampered session cookie', async () => {
    const expired = await sessionCookie('old', Date.now() - 9 * 3600_000);
    const valid = await sessionCookie('mallory');
    // The id kept, the tag changed; and a well-formed cookie made under another secret.
    const tampered = valid.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'));
    expect(tampered).not.toBe(valid);
    const otherSecret = `admin_session=${await createSession(env.DB, { sessionSecret: 'not-the-secret', adminToken: env.ADMIN_TOKEN }, 'eve', Date.now())}`;
    for (const r of unique.filter((x) => !x.path.startsWith('/api/'))) {
      for (const cookie of [expired, tampered, otherSecret]) await expectRefused(r, await call(r, { cookie }));
    }
    // The session cookie does not open the JSON API either.
    for (const r of unique.filter((x) => x.path.startsWith('/api/'))) await expectRefused(r, await call(r, { cookie: valid }));
  });

  it('refuses a cross-site form post even with a valid session', async () => {
    const cookie = await sessionCookie();
    for (const r of unique.filter((x) => x.method === 'POST' && !x.path.startsWith('/api/'))) {
      const res = await call(r, { cookie, origin: 'https://evil.example' });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
    const counts = await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE actor = 'tester'`).first<{ n: number }>();
    expect(counts?.n).toBe(0);
  });

  it('logs in with the admin token into a signed, HttpOnly, Secure, SameSite=Strict, expiring cookie, and logs out', async () => {
    const bad = await request('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: 'actor=Ann&token=nope' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();

    const res = await request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'actor=Ann&token=test-admin-token&next=%2Fadmin%2Faudit',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/audit');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^admin_session=[^;]+; Max-Age=28800; Path=\/admin; HttpOnly; Secure; SameSite=Strict/);
    const value = /^admin_session=([^;]+)/.exec(setCookie)![1]!;
    const keys = { sessionSecret: env.SESSION_SECRET, adminToken: env.ADMIN_TOKEN };
    expect(await readSession(env.DB, keys, value, Date.now())).toBe('Ann');
    expect(await readSession(env.DB, keys, value, Date.now() + 8 * 3600_000 + 1)).toBeNull();

    const page = await request('/admin/audit', { headers: { cookie: `admin_session=${value}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('admin.login');

    const out = await request('/admin/logout', {
      method: 'POST',
      headers: { cookie: `admin_session=${value}`, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^admin_session=; Max-Age=0/);
    const log = await env.DB.prepare(`SELECT action FROM audit_log WHERE actor = 'Ann' ORDER BY id`).all<{ action: string }>();
    expect(log.results.map((r) => r.action)).toEqual(['admin.login', 'admin.logout']);
  });

  it('does not follow a login "next" that leaves the console', async () => {
    const res = await request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'token=test-admin-token&next=https%3A%2F%2Fevil.example%2F',
    });
    expect(res.headers.get('location')).toBe('/admin');
  });
});
