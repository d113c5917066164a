import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/index.ts';
import { ORIGIN, request } from '../support/app.ts';

// Issue 13, item 13: a session ends on the server, not only in the browser.
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN };
let ip = 0;

async function call(path: string, init: RequestInit, overrides: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.request(`http://localhost:8787${path}`, { redirect: 'manual', ...init }, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function login(actor: string, overrides: Record<string, string> = {}, token = 'test-admin-token'): Promise<string> {
  const res = await call(
    '/admin/login',
    { method: 'POST', headers: { ...form, 'cf-connecting-ip': `192.0.2.${200 + (++ip % 50)}` }, body: `actor=${actor}&token=${token}` },
    overrides,
  );
  expect(res.status).toBe(303);
  return `admin_session=${/^admin_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
}

async function expectRefused(cookie: string, overrides: Record<string, string> = {}) {
  const page = await call('/admin/audit', { headers: { cookie } }, overrides);
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
  const post = await call('/admin/logout', { method: 'POST', headers: { ...form, cookie } }, overrides);
  expect(post.status).toBe(401);
}

describe('admin sessions end on the server', () => {
  it('logout ends the session: a copy of the cookie taken before logging out is refused', async () => {
    const cookie = await login('Logout Tester');
    expect((await call('/admin/audit', { headers: { cookie } })).status).toBe(200);
    const out = await call('/admin/logout', { method: 'POST', headers: { ...form, cookie } });
    expect(out.status).toBe(303);
    await expectRefused(cookie);
  });

  it('a new SESSION_SECRET ends every session', async () => {
    const cookie = await login('Secret Tester');
    expect((await call('/admin/audit', { headers: { cookie } })).status).toBe(200);
    await expectRefused(cookie, { SESSION_SECRET: 'a-new-session-secret' });
  });

  it('a new ADMIN_TOKEN ends every session, even with the same SESSION_SECRET', async () => {
    const cookie = await login('Token Tester');
    expect((await call('/admin/audit', { headers: { cookie } })).status).toBe(200);
    await expectRefused(cookie, { ADMIN_TOKEN: 'a-new-admin-token' });
    // Logging in under the new token works, and that session is refused under the old one.
    const fresh = await login('Token Tester', { ADMIN_TOKEN: 'a-new-admin-token' }, 'a-new-admin-token');
    expect((await call('/admin/audit', { headers: { cookie: fresh } }, { ADMIN_TOKEN: 'a-new-admin-token' })).status).toBe(200);
    await expectRefused(fresh);
  });

  it('stores no usable secret: the cookie is not in the database', async () => {
    const cookie = await login('Storage Tester');
    const value = cookie.slice('admin_session='.length);
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM admin_sessions').all()).results);
    for (const part of value.split('.')) expect(dump).not.toContain(part);
  });
});
