// The log's C2SP views: the checkpoint and counts as signed notes, tiles and entry
// bundles. HTTP-free; src/log/tlog.api.ts serves them.
import type { Checkpoint } from './checkpoint.ts';
import { leafData, publicEntry } from './entry.ts';
import * as q from './log.queries.ts';
import { type LogEnv, type LogPledge, signingKey, syncLog } from './log.ts';
import { type Bytes, fromHex } from './merkle.ts';
import { encodeVkey, SIG_ED25519, signNote } from './note.ts';
import { checkpointText, countsText, encodeBundle, hashesAtLevel, logKeyName, logOrigin, TILE_HEIGHT, TILE_WIDTH, type TileRef } from './tlog.ts';

export class LogOriginMissing extends Error {
  override name = 'LogOriginMissing';
}

export type NoteKey = { name: string; vkey: string; privateKey: CryptoKey; publicKey: Bytes };

// The log's note key: the checkpoint signing key under the name "<host>/log".
export async function noteKey(env: LogEnv): Promise<NoteKey> {
  const key = await signingKey(env);
  const name = logKeyName(env.PUBLIC_URL);
  if (!name) throw new LogOriginMissing('PUBLIC_URL is not set, so the log has no origin');
  const publicKey = new Uint8Array(Uint8Array.from(atob(key.info.publicKey), (ch) => ch.charCodeAt(0)));
  return { name, vkey: await encodeVkey(name, SIG_ED25519, publicKey), privateKey: key.privateKey, publicKey };
}

export function originOf(env: LogEnv, slug: string): string {
  const origin = logOrigin(env.PUBLIC_URL, slug);
  if (!origin) throw new LogOriginMissing('PUBLIC_URL is not set, so the log has no origin');
  return origin;
}

// The checkpoint's note text (no signatures) for a stored checkpoint.
export function checkpointNoteText(env: LogEnv, checkpoint: Checkpoint): string {
  return checkpointText({ origin: originOf(env, checkpoint.pledge), size: checkpoint.treeSize, root: fromHex(checkpoint.rootHash) });
}

// Ed25519 is deterministic, so a note's signature is the same whenever it is made:
// the notes are signed when served (cached per isolate) and never stored.
const signed = new Map<string, string>();

async function signCached(text: string, key: NoteKey): Promise<string> {
  const cacheKey = `${key.vkey}\n${text}`;
  let note = signed.get(cacheKey);
  if (!note) {
    note = await signNote(text, key.name, key.privateKey, key.publicKey);
    if (signed.size > 200) signed.clear();
    signed.set(cacheKey, note);
  }
  return note;
}

// The checkpoint as a signed note, with the witnesses' cosignature lines that are stored for it.
export async function checkpointNote(env: LogEnv, pledge: LogPledge, checkpoint: Checkpoint): Promise<string> {
  const key = await noteKey(env);
  const note = await signCached(checkpointNoteText(env, checkpoint), key);
  const lines = await q.cosignatureLines(env.DB, pledge.id, checkpoint.treeSize);
  return note + lines.join('');
}

// The counts of a checkpoint as a separately signed note (README, "Verifiable counts").
export async function countsNote(env: LogEnv, checkpoint: Checkpoint): Promise<string> {
  const key = await noteKey(env);
  const text = countsText({
    origin: originOf(env, checkpoint.pledge),
    size: checkpoint.treeSize,
    root: fromHex(checkpoint.rootHash),
    individuals: checkpoint.individuals,
    societies: checkpoint.societies,
  });
  return signCached(text, key);
}

// A tile or entry bundle, or null when the log is not that big yet (or the width is
// not the one the log's size gives it).
export async function tile(env: LogEnv, pledge: LogPledge, ref: TileRef): Promise<Bytes | null> {
  const size = await syncLog(env.DB, pledge);
  const level = ref.level === 'entries' ? 0 : ref.level;
  const available = hashesAtLevel(size, level);
  const start = ref.index * TILE_WIDTH;
  if (start + ref.width > available) return null;
  if (ref.level === 'entries') {
    const entries = await q.publicEntries(env.DB, pledge.id, start, start + ref.width);
    if (entries.length !== ref.width) return null;
    return encodeBundle(entries.map((e) => leafData(pledge.slug, publicEntry(e))));
  }
  const hashes = await q.levelHashes(env.DB, pledge.id, level * TILE_HEIGHT, start, start + ref.width);
  if (hashes.length !== ref.width) return null;
  const out = new Uint8Array(32 * ref.width);
  hashes.forEach((h, i) => {
    out.set(fromHex(h), i * 32);
  });
  return out;
}
