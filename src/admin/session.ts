import { and, eq, gt, lte, ne, or } from 'drizzle-orm';
import { hashToken, hmacHex, isTokenShaped, newToken, sameDigest } from '../platform/crypto/tokens.ts';
import { db } from '../platform/db/client.ts';
import { adminSessions } from '../platform/db/schema.ts';

// The organiser's session: a random id in the cookie ("<id>.<hmac>", cookie-safe), and a
// row in D1 (admin_sessions: the id's SHA-256 hash, the actor, the expiry, and the
// fingerprint of the secrets it was made under). A session is valid only while its row
// exists, is unexpired and carries the current fingerprint, so:
// - logout deletes the row, and a copy of the cookie stops working at once;
// - changing ADMIN_TOKEN or SESSION_SECRET changes the fingerprint (bound into the
//   cookie's HMAC too), and every session ends.
// The HMAC lets forged cookies be refused without a database read.
export const SESSION_COOKIE = 'admin_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export type SessionKeys = { sessionSecret: string; adminToken: string };

const ACTOR = /^[\p{L}\p{N} ._@-]{1,60}$/u;

export function isActorName(s: string): boolean {
  return ACTOR.test(s);
}

// A keyed digest of both secrets: neither can be recovered from it.
async function fingerprint(keys: SessionKeys): Promise<string> {
  return hmacHex(keys.sessionSecret, `admin-session:fingerprint:v2:${await hashToken(keys.adminToken)}`);
}

async function mac(keys: SessionKeys, print: string, id: string): Promise<string> {
  return hmacHex(keys.sessionSecret, `admin-session:v2:${print}:${id}`);
}

export async function createSession(d1: D1Database, keys: SessionKeys, actor: string, now: number, ttl = SESSION_TTL_MS): Promise<string> {
  if (!keys.sessionSecret) throw new Error('SESSION_SECRET is not set');
  const id = newToken();
  const print = await fingerprint(keys);
  const d = db(d1);
  await d.batch([
    // Old rows go as new ones come: expired ones, and any made under other secrets.
    d.delete(adminSessions).where(or(lte(adminSessions.expiresAt, now), ne(adminSessions.fingerprint, print))),
    d.insert(adminSessions).values({ idHash: await hashToken(id), actor, fingerprint: print, createdAt: now, expiresAt: now + ttl }),
  ]);
  return `${id}.${await mac(keys, print, id)}`;
}

// The id of a cookie whose HMAC is right under the current secrets, else null.
async function sessionId(keys: SessionKeys, value: string | undefined): Promise<{ id: string; print: string } | null> {
  if (!keys.sessionSecret || !keys.adminToken || !value || value.length > 200) return null;
  const [id, tag, ...rest] = value.split('.');
  if (rest.length > 0 || !id || !tag || !isTokenShaped(id)) return null;
  const print = await fingerprint(keys);
  return sameDigest(tag, await mac(keys, print, id)) ? { id, print } : null;
}

// The actor of a live session, else null.
export async function readSession(d1: D1Database, keys: SessionKeys, value: string | undefined, now: number): Promise<string | null> {
  const s = await sessionId(keys, value);
  if (!s) return null;
  const row = await db(d1)
    .select({ actor: adminSessions.actor })
    .from(adminSessions)
    .where(and(eq(adminSessions.idHash, await hashToken(s.id)), eq(adminSessions.fingerprint, s.print), gt(adminSessions.expiresAt, now)))
    .get();
  return row?.actor ?? null;
}

// Logout: the session ends on the server, whatever copies of the cookie exist.
export async function endSession(d1: D1Database, keys: SessionKeys, value: string | undefined): Promise<void> {
  const s = await sessionId(keys, value);
  if (s)
    await db(d1)
      .delete(adminSessions)
      .where(eq(adminSessions.idHash, await hashToken(s.id)))
      .run();
}
