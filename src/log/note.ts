// C2SP signed notes (c2sp.org/signed-note) with Ed25519 signatures (type 0x01) and
// timestamped Ed25519 cosignatures (type 0x04, c2sp.org/tlog-cosignature). Pure, over
// WebCrypto: shared by the Worker, the witness, scripts/verify.ts, the monitor and the
// browser verifier.
import { type Bytes, equalBytes, fromBase64, sha256, toBase64, toHex, utf8 } from './merkle.ts';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
const DASH = '\u2014';
const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type NoteSignature = { name: string; keyId: Bytes; sig: Bytes };
export type Note = { text: string; signatures: NoteSignature[] };
// A verifier key: name, algorithm byte, raw 32-byte Ed25519 public key, its key ID.
export type Verifier = { name: string; type: number; publicKey: Bytes; keyId: Bytes };

export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

// key ID = SHA-256(key name || 0x0A || signature type || public key)[:4]
export async function keyIdFor(name: string, type: number, publicKey: Uint8Array): Promise<Bytes> {
  return (await sha256(utf8(`${name}\n`), Uint8Array.of(type), publicKey)).slice(0, 4);
}

// <key name>+hex(key ID)+base64(signature type || public key)
export async function encodeVkey(name: string, type: number, publicKey: Uint8Array): Promise<string> {
  if (!isKeyName(name)) throw new Error('bad key name');
  const material = new Uint8Array(1 + publicKey.length);
  material[0] = type;
  material.set(publicKey, 1);
  return `${name}+${toHex(await keyIdFor(name, type, publicKey))}+${toBase64(material)}`;
}

// Parses a vkey; throws on anything malformed (wrong ID, unknown type, bad key length).
export async function parseVkey(vkey: string): Promise<Verifier> {
  // The base64 part may itself contain "+": split at the first two only.
  const m = /^([^+]+)\+([^+]+)\+(.+)$/.exec(vkey.trim());
  if (!m) throw new Error('a verifier key has three parts separated by +');
  const [, name, idHex, b64] = m as unknown as [string, string, string, string];
  if (!isKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex)) throw new Error('bad verifier key name or ID');
  const material = fromBase64(b64);
  const type = material[0];
  if ((type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) || material.length !== 33) throw new Error('only Ed25519 verifier keys (types 0x01 and 0x04) are supported');
  const publicKey = material.slice(1);
  const keyId = await keyIdFor(name, type, publicKey);
  if (toHex(keyId) !== idHex) throw new Error('verifier key ID does not match its key');
  return { name, type, publicKey, keyId };
}

// Splits a note into its text (ending in "\n") and signature lines. Throws when malformed.
export function parseNote(note: string): Note {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new Error('control characters in note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!m || !isKeyName(m[1]!)) throw new Error(`malformed signature line: ${line.slice(0, 80)}`);
    const raw = fromBase64(m[2]!);
    if (raw.length < 5) throw new Error('signature too short');
    signatures.push({ name: m[1]!, keyId: raw.slice(0, 4), sig: raw.slice(4) });
  }
  if (signatures.length === 0) throw new Error('no signatures');
  return { text, signatures };
}

export function signatureLine(name: string, keyId: Uint8Array, sig: Uint8Array): string {
  const raw = new Uint8Array(keyId.length + sig.length);
  raw.set(keyId);
  raw.set(sig, keyId.length);
  return `${DASH} ${name} ${toBase64(raw)}\n`;
}

async function importVerify(publicKey: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
}

// The cosignature/v1 message: header, time line, then the checkpoint's note text.
export function cosignedMessage(text: string, time: number): Bytes {
  return utf8(`cosignature/v1\ntime ${time}\n${text}`);
}

function u64(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes.slice(0, 8)) n = n * 256 + b;
  return n;
}

export function u64Bytes(n: number): Bytes {
  const out = new Uint8Array(8);
  let rest = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

export type Verified = { verifier: Verifier; time?: number };

// Verifies a note against known keys, as the spec says: signatures of unknown keys are
// ignored; a known key's bad signature fails the note. Returns the keys that verified
// (with the cosignature's timestamp for type 0x04).
export async function verifyNote(note: Note, verifiers: Verifier[]): Promise<{ ok: boolean; verified: Verified[]; error?: string }> {
  const verified: Verified[] = [];
  for (const s of note.signatures) {
    const v = verifiers.find((k) => k.name === s.name && equalBytes(k.keyId, s.keyId));
    if (!v) continue;
    const key = await importVerify(v.publicKey);
    if (v.type === SIG_ED25519) {
      if (s.sig.length !== 64 || !(await crypto.subtle.verify({ name: 'Ed25519' }, key, s.sig, utf8(note.text))))
        return { ok: false, verified, error: `bad signature by ${s.name}` };
      verified.push({ verifier: v });
    } else {
      if (s.sig.length !== 72) return { ok: false, verified, error: `bad cosignature by ${s.name}` };
      const time = u64(s.sig.slice(0, 8));
      if (!(await crypto.subtle.verify({ name: 'Ed25519' }, key, s.sig.slice(8), cosignedMessage(note.text, time))))
        return { ok: false, verified, error: `bad cosignature by ${s.name}` };
      verified.push({ verifier: v, time });
    }
  }
  return verified.length > 0 ? { ok: true, verified } : { ok: false, verified, error: 'no signature by a known key' };
}

// Signs note text (ending in "\n") with an Ed25519 note key; returns the whole note.
export async function signNote(text: string, name: string, privateKey: CryptoKey, publicKey: Uint8Array): Promise<string> {
  if (!text.endsWith('\n')) throw new Error('note text must end in a newline');
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, utf8(text)));
  return `${text}\n${signatureLine(name, await keyIdFor(name, SIG_ED25519, publicKey), sig)}`;
}

// A witness's timestamped cosignature line over a checkpoint's note text.
export async function cosignLine(text: string, name: string, time: number, privateKey: CryptoKey, publicKey: Uint8Array): Promise<string> {
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, cosignedMessage(text, time)));
  const body = new Uint8Array(72);
  body.set(u64Bytes(time));
  body.set(sig, 8);
  return signatureLine(name, await keyIdFor(name, SIG_COSIGNATURE_V1, publicKey), body);
}

function decodeUtf8(bytes: Uint8Array): string {
  return dec.decode(bytes);
}

export { toBase64 };
