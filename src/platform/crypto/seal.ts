import { toBase64Url } from './tokens.ts';

// Sealed values: AES-256-GCM under a key derived from a server secret and a purpose, as
// base64url. A page can hand a value to the browser (a hidden field, a redirect's query)
// and get it back unread and untouched: the browser learns nothing, and any change
// fails to open. Each purpose has its own key, so a value sealed for one never opens
// as another.
const enc = new TextEncoder();
const dec = new TextDecoder();
const IV_BYTES = 12;

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string, purpose: string): Promise<CryptoKey> {
  const id = `${purpose}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = (async () => {
      const hmacKey = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const raw = await crypto.subtle.sign('HMAC', hmacKey, enc.encode(`seal\n${purpose}`));
      return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    })();
    if (keys.size < 20) keys.set(id, key);
  }
  return key;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function seal(secret: string, purpose: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(secret, purpose), enc.encode(JSON.stringify(value))));
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return toBase64Url(out);
}

// The value sealed, or null when the text was not sealed by us for this purpose.
export async function unseal(secret: string, purpose: string, text: string | undefined, maxChars = 4096): Promise<unknown> {
  if (!text || text.length > maxChars) return null;
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.byteLength <= IV_BYTES + 16) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES) }, await keyFor(secret, purpose), bytes.slice(IV_BYTES));
    return JSON.parse(dec.decode(plain)) as unknown;
  } catch {
    return null;
  }
}
