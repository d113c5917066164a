// Secrets in links: 256 random bits, base64url. Only a SHA-256 hash is stored, so a
// leaked database does not leak working links.
const enc = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(buf: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(buf)) out += HEX[b];
  return out;
}

export function newToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

// Shape check before any lookup: 43 base64url characters.
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export async function hashToken(token: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', enc.encode(token)));
}

// The configured secrets (IP_HASH_SECRET...) key an HMAC on every sign request: their
// imported keys are kept per isolate. A one-off secret (a confirm token) is not kept.
const keys = new Map<string, Promise<CryptoKey>>();
const importHmac = (secret: string) => crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

export async function hmacHex(secret: string, message: string, { keep = true }: { keep?: boolean } = {}): Promise<string> {
  let key = keep ? keys.get(secret) : undefined;
  if (!key) {
    key = importHmac(secret);
    if (keep) {
      if (keys.size >= 16) keys.clear();
      keys.set(secret, key);
    }
  }
  return toHex(await crypto.subtle.sign('HMAC', await key, enc.encode(message)));
}

// The withdraw token is derived from the confirm token, so the thank-you page shown
// after confirming can offer the same withdraw link as the mail without storing it:
// base64url(HMAC-SHA256(key: confirm token, message: "withdraw")). Links already mailed
// depend on these exact bytes (test/platform/crypto/tokens.test.ts). The one-off key is
// not kept, and the MAC goes straight to base64url (confirm runs this on every request).
export async function withdrawTokenFor(confirmToken: string): Promise<string> {
  const key = await importHmac(confirmToken);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode('withdraw'))));
}

// Constant-time equality of two hex digests (lengths are public).
export function sameDigest(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  if (x.length !== y.length) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}
