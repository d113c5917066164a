import { hmacHex, sameDigest, toBase64Url } from '../platform/crypto/tokens.ts';

// The organiser's session cookie: "<expires>.<actor, base64url>.<hmac>" (only
// cookie-safe characters), signed with
// SESSION_SECRET (HMAC-SHA-256). Stateless: the expiry is inside the signed value, so
// an old cookie stops working even if a browser keeps it.
export const SESSION_COOKIE = 'admin_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const ACTOR = /^[\p{L}\p{N} ._@-]{1,60}$/u;

export function isActorName(s: string): boolean {
  return ACTOR.test(s);
}

async function mac(secret: string, payload: string): Promise<string> {
  return hmacHex(secret, `admin-session:v1:${payload}`);
}

export async function createSession(secret: string, actor: string, now: number, ttl = SESSION_TTL_MS): Promise<string> {
  if (!secret) throw new Error('SESSION_SECRET is not set');
  const payload = `${now + ttl}.${toBase64Url(new TextEncoder().encode(actor))}`;
  return `${payload}.${await mac(secret, payload)}`;
}

// The actor of a valid, unexpired session, else null.
export async function readSession(secret: string, value: string | undefined, now: number): Promise<string | null> {
  if (!secret || !value || value.length > 400) return null;
  const last = value.lastIndexOf('.');
  if (last < 0) return null;
  const payload = value.slice(0, last);
  if (!sameDigest(value.slice(last + 1), await mac(secret, payload))) return null;
  const [expires, actor, ...rest] = payload.split('.');
  if (rest.length > 0 || !expires || !actor || !/^\d+$/.test(expires) || now >= Number(expires)) return null;
  try {
    const bytes = Uint8Array.from(atob(actor.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}
