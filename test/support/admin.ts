// Organisers in tests: the bearer header, a session cookie, form posts, rows seeded in D1.
import { env } from 'cloudflare:test';
import { createSession } from '../../src/admin/session.ts';
import { postForm, request } from './app.ts';

export const BEARER = { authorization: 'Bearer test-admin-token' };

export function adminJson(path: string, init: { method?: string; body?: unknown } = {}) {
  return request(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...BEARER, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

// A session as logging in makes it (recorded in D1 under the test secrets).
export async function sessionCookie(actor = 'tester', now = Date.now(), ttl?: number): Promise<string> {
  return `admin_session=${await createSession(env.DB, { sessionSecret: env.SESSION_SECRET, adminToken: env.ADMIN_TOKEN }, actor, now, ttl)}`;
}

// A console form post with the session cookie (same origin, fresh address).
export function postAdminForm(path: string, fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) {
  return postForm(path, fields, { cookie, ...headers });
}

let n = 0;
// Inserts signatures straight into D1 (the counter triggers run as for real ones).
export async function seedSignatures(pledgeSlug: string, rows: { state: string; ipHash?: string; domain?: string; createdAt?: number; name?: string; affiliation?: string }[]) {
  const pledge = await env.DB.prepare('SELECT id FROM pledges WHERE slug = ?1').bind(pledgeSlug).first<{ id: number }>();
  const version = await env.DB.prepare('SELECT version FROM pledge_texts WHERE pledge_id = ?1 AND current = 1 LIMIT 1').bind(pledge!.id).first<{ version: string }>();
  const stmts = rows.map((r) => {
    const i = ++n + Math.floor(Math.random() * 1e9);
    const domain = r.domain ?? 'example.edu';
    const at = r.createdAt ?? Date.now();
    return env.DB.prepare(
      `INSERT INTO signatures (pledge_id, lang, text_version, state, name, email, email_key, email_domain, affiliation, field, region, ip_hash, created_at, confirmed_at)
       VALUES (?1, 'zh-Hans', ?2, ?3, ?4, ?5, ?5, ?6, ?7, 'science', 'CN-BJ', ?8, ?9, ?10)`,
    ).bind(
      pledge!.id,
      version!.version,
      r.state,
      r.name ?? `Signer ${i}`,
      `s${i}@${domain}`,
      domain,
      r.affiliation ?? 'Test University',
      r.ipHash ?? null,
      at,
      r.state === 'confirmed' ? at : null,
    );
  });
  await env.DB.batch(stmts);
}
