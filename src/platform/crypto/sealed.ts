// Small signed values for cookies and hidden form fields (the ORCID sign-in's state and
// its proof): base64url JSON with an expiry, followed by an HMAC-SHA-256 under a secret
// and a purpose, so a value made for one use is refused for another. Not encrypted:
// put nothing secret from the visitor's point of view in them.
import { hmacHex, sameDigest, toBase64Url } from './tokens.ts';

const enc = new TextEncoder();

function fromBase64Url(s: string): string | null {
  try {
    const raw = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(raw, (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}

export async function seal(secret: string, purpose: string, value: object, expiresAt: number): Promise<string> {
  const body = toBase64Url(enc.encode(JSON.stringify({ v: value, e: expiresAt })));
  return `${body}.${await hmacHex(secret, `${purpose}:${body}`)}`;
}

// The value, or null when forged, made for another purpose, expired or malformed.
export async function unseal<T>(secret: string, purpose: string, sealed: string | undefined | null, now: number): Promise<T | null> {
  if (!secret || typeof sealed !== 'string' || sealed.length > 4096) return null;
  const dot = sealed.lastIndexOf('.');
  if (dot <= 0) return null;
  const body = sealed.slice(0, dot);
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !sameDigest(sealed.slice(dot + 1), await hmacHex(secret, `${purpose}:${body}`))) return null;
  const json = fromBase64Url(body);
  if (json === null) return null;
  try {
    const parsed = JSON.parse(json) as { v?: T; e?: number };
    return typeof parsed.e === 'number' && now <= parsed.e && parsed.v !== undefined ? parsed.v : null;
  } catch {
    return null;
  }
}
