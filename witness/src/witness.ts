// A C2SP transparency log witness (c2sp.org/tlog-witness): add-checkpoint verifies the
// log's signature and a consistency proof from the last size it cosigned, refuses a
// fork or a rollback, and returns a timestamped Ed25519 cosignature
// (c2sp.org/tlog-cosignature, cosignature/v1). Storage is injected (a Durable Object in
// witness/src/index.ts), so the rules are tested in-process too.
import { emptyRoot, equalBytes, fromBase64, toBase64, verifyConsistency } from '../../src/log/merkle.ts';
import { cosignLine, encodeVkey, parseNote, parseVkey, SIG_COSIGNATURE_V1, type Verifier, verifyNote } from '../../src/log/note.ts';
import { parseCheckpointText } from '../../src/log/tlog.ts';

// A log the witness follows: its origin (or a prefix ending in "/*", for every pledge
// of one site) and the log's note verifier key.
export type LogConfig = { origin: string; vkey: string };
export type WitnessKey = { name: string; privateKey: CryptoKey; publicKey: Uint8Array; vkey: string };
export type Latest = { size: number; root: string; note: string };

export type Answer = { status: 200 | 400 | 403 | 404 | 409 | 422; body: string; contentType: string };

const text = (status: Answer['status'], body: string): Answer => ({ status, body: body.endsWith('\n') ? body : `${body}\n`, contentType: 'text/plain; charset=utf-8' });

export function parseLogs(config: string | undefined): LogConfig[] {
  if (!config?.trim()) return [];
  const list = JSON.parse(config) as unknown;
  if (!Array.isArray(list) || !list.every((l) => typeof l?.origin === 'string' && typeof l?.vkey === 'string')) throw new Error('WITNESS_LOGS: a JSON array of {"origin","vkey"}');
  return list as LogConfig[];
}

export function logFor(logs: LogConfig[], origin: string): LogConfig | undefined {
  return logs.find((l) => (l.origin.endsWith('/*') ? origin.startsWith(l.origin.slice(0, -1)) && !origin.slice(l.origin.length - 1).includes('/') : l.origin === origin));
}

// WITNESS_KEY: base64 32-byte Ed25519 seed; WITNESS_NAME: the witness's key name.
export async function importWitnessKey(seedBase64: string, name: string): Promise<WitnessKey> {
  const seed = fromBase64(seedBase64.trim());
  if (seed.length !== 32) throw new Error('WITNESS_KEY must be a base64 32-byte Ed25519 seed');
  const pkcs8 = new Uint8Array(48);
  pkcs8.set([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
  pkcs8.set(seed, 16);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = (await crypto.subtle.exportKey('jwk', privateKey)) as JsonWebKey;
  const publicKey = fromBase64(jwk.x!);
  return { name, privateKey, publicKey, vkey: await encodeVkey(name, SIG_COSIGNATURE_V1, publicKey) };
}

export type AddRequest = { oldSize: number; proof: Uint8Array[]; note: string };

export function parseAddCheckpoint(body: string): AddRequest | null {
  const blank = body.indexOf('\n\n');
  if (blank < 0) return null;
  const head = body.slice(0, blank).split('\n');
  const m = /^old (0|[1-9][0-9]{0,15})$/.exec(head[0] ?? '');
  if (!m) return null;
  const proof: Uint8Array[] = [];
  for (const line of head.slice(1)) {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(line)) return null;
    proof.push(fromBase64(line));
  }
  if (proof.length > 63) return null;
  return { oldSize: Number(m[1]), proof, note: body.slice(blank + 2) };
}

// The checks before the state is read: the request parses, the origin is known, the
// log's signature verifies. Returns the parsed checkpoint or the answer to give.
export async function checkRequest(logs: LogConfig[], body: string) {
  const req = parseAddCheckpoint(body);
  if (!req) return { answer: text(400, 'malformed add-checkpoint request') };
  let note;
  let cp;
  try {
    note = parseNote(req.note);
    cp = parseCheckpointText(note.text);
  } catch (err) {
    return { answer: text(400, `malformed checkpoint: ${err instanceof Error ? err.message : 'error'}`) };
  }
  const log = logFor(logs, cp.origin);
  if (!log) return { answer: text(404, 'unknown log origin') };
  let verifier: Verifier;
  try {
    verifier = await parseVkey(log.vkey);
  } catch {
    return { answer: text(403, 'the configured log key is not usable') };
  }
  const verified = await verifyNote(note, [verifier]);
  if (!verified.ok) return { answer: text(403, verified.error ?? 'no valid signature by the log') };
  if (req.oldSize > cp.size) return { answer: text(400, 'old size is larger than the checkpoint size') };
  return { req, note, cp };
}

// The state transition, run atomically by the caller (one Durable Object per origin):
// 409 with the latest size when old does not match it; 422 when the proof does not
// verify (a fork) or the same size has another root; otherwise the new latest and a
// cosignature.
export async function addCheckpoint(
  key: WitnessKey,
  checked: { req: AddRequest; note: { text: string }; cp: { size: number; root: Uint8Array } },
  latest: Latest | null,
  now: number,
): Promise<{ answer: Answer; save?: Latest }> {
  const { req, note, cp } = checked;
  const size = latest?.size ?? 0;
  if (req.oldSize !== size) return { answer: { status: 409, body: `${size}\n`, contentType: 'text/x.tlog.size' } };
  if (cp.size === 0 && !equalBytes(cp.root, await emptyRoot())) return { answer: text(422, 'a tree of size 0 has the empty root') };
  if (req.oldSize === 0) {
    if (req.proof.length > 0) return { answer: text(422, 'no proof is needed from size 0') };
  } else if (req.oldSize === cp.size) {
    if (req.proof.length > 0 || !equalBytes(fromBase64(latest!.root), cp.root)) return { answer: text(422, 'same size, different root: a fork') };
  } else if (!(await verifyConsistency(req.oldSize, cp.size, req.proof as never, fromBase64(latest!.root), cp.root as never))) {
    return { answer: text(422, 'the consistency proof does not verify: a fork or a rewritten history') };
  }
  const time = Math.floor(now / 1000);
  const line = await cosignLine(note.text, key.name, time, key.privateKey, key.publicKey);
  const save = { size: cp.size, root: toBase64(cp.root), note: `${note.text}\n${req.note.slice(note.text.length + 1)}${line}` };
  return { answer: { status: 200, body: line, contentType: 'text/plain; charset=utf-8' }, save };
}

export async function originHash(origin: string): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(origin)));
  return [...h].map((b) => b.toString(16).padStart(2, '0')).join('');
}
