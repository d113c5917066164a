// Checkpoints: signed tree heads. The signed message is a short text (below), signed
// with Ed25519 through WebCrypto. Pure; shared by the Worker and the verifiers.
import { isSlug } from './entry.ts';
import { type Bytes, fromBase64, isHash, sha256, toBase64, toHex, utf8 } from './merkle.ts';

export type Checkpoint = {
  pledge: string;
  treeSize: number;
  rootHash: string;
  individuals: number;
  societies: number;
  timestamp: number;
  keyId: string;
  signature: string;
};

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature'>;

// The exact bytes signed: UTF-8 of these lines, each ending in "\n".
export function checkpointText(c: UnsignedCheckpoint): string {
  return [
    'pledge-log checkpoint v1',
    `pledge ${c.pledge}`,
    `tree_size ${c.treeSize}`,
    `root_hash ${c.rootHash}`,
    `individuals ${c.individuals}`,
    `societies ${c.societies}`,
    `timestamp ${c.timestamp}`,
    `key_id ${c.keyId}`,
    '',
  ].join('\n');
}

export function isCheckpoint(c: unknown): c is Checkpoint {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  return (
    isSlug(x.pledge) &&
    count(x.treeSize) &&
    isHash(x.rootHash) &&
    count(x.individuals) &&
    count(x.societies) &&
    count(x.timestamp) &&
    typeof x.keyId === 'string' &&
    /^[0-9a-f]{16}$/.test(x.keyId) &&
    typeof x.signature === 'string' &&
    /^[A-Za-z0-9+/]{86}==$/.test(x.signature)
  );
}

// The published public key (GET /.well-known/pledge-log-key).
export type PublicKeyInfo = { algorithm: 'Ed25519'; keyId: string; publicKey: string };

export async function keyIdOf(rawPublicKey: Uint8Array): Promise<string> {
  return toHex(await sha256(rawPublicKey)).slice(0, 16);
}

export async function signCheckpoint(c: UnsignedCheckpoint, privateKey: CryptoKey): Promise<Checkpoint> {
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, utf8(checkpointText(c)));
  return { ...c, signature: toBase64(new Uint8Array(sig)) };
}

// True when the checkpoint is well formed, names this key and carries its signature.
export async function verifyCheckpoint(c: unknown, key: PublicKeyInfo): Promise<boolean> {
  if (!isCheckpoint(c) || c.keyId !== key.keyId) return false;
  const raw = fromBase64(key.publicKey);
  if (raw.length !== 32 || (await keyIdOf(raw)) !== key.keyId) return false;
  const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  const { signature, ...unsigned } = c;
  return crypto.subtle.verify({ name: 'Ed25519' }, publicKey, fromBase64(signature), utf8(checkpointText(unsigned)));
}

export type SigningKey = { privateKey: CryptoKey; info: PublicKeyInfo; jwk: JsonWebKey };

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

// LOG_SIGNING_KEY may be a base64 32-byte seed, a base64 PKCS#8 key, or a private JWK.
export async function importSigningKey(secret: string): Promise<SigningKey> {
  const text = secret.trim();
  let privateKey: CryptoKey;
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as JsonWebKey;
    privateKey = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, true, ['sign']);
  } else {
    const bytes = fromBase64(text);
    let pkcs8: Bytes;
    if (bytes.length === 32) {
      pkcs8 = new Uint8Array(48);
      pkcs8.set(PKCS8_ED25519_PREFIX);
      pkcs8.set(bytes, 16);
    } else {
      pkcs8 = bytes;
    }
    privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  }
  const exported = (await crypto.subtle.exportKey('jwk', privateKey)) as JsonWebKey;
  if (!exported.x) throw new Error('LOG_SIGNING_KEY: no public part');
  const raw = fromBase64(exported.x);
  const keyId = await keyIdOf(raw);
  return {
    privateKey,
    info: { algorithm: 'Ed25519', keyId, publicKey: toBase64(raw) },
    jwk: { kty: 'OKP', crv: 'Ed25519', x: exported.x, kid: keyId, alg: 'EdDSA', use: 'sig' } as JsonWebKey,
  };
}
