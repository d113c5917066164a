// The log's use cases: hash new entries, sign checkpoints, prove inclusion and
// consistency. No HTTP here; src/log/log.api.ts adapts them.
import { type Checkpoint, importSigningKey, type SigningKey, signCheckpoint } from './checkpoint.ts';
import { commitment, entryLeafHash, reasonFields } from './entry.ts';
import * as q from './log.queries.ts';
import {
  completedNodes,
  consistencyRanges,
  emptyRoot,
  fromHex,
  frontierNodes,
  type Hash,
  inclusionRanges,
  type NodeKey,
  type Range,
  rangeHash,
  rangeNodes,
  toHex,
} from './merkle.ts';
import { logKeyName } from './tlog.ts';

export type LogPledge = { id: number; slug: string };

// Leaves hashed per round and per call on request paths (hashing costs about 25 ms of
// CPU per 1,000 entries; every request that reads the log hashes what is new, so the
// backlog stays small); the Cron Trigger catches up on anything bigger (a backfill).
// Measured locally: 100,000 entries hash in about 20 s of rounds; afterwards a root and
// four inclusion proofs at that size take under 20 ms.
const ROUND = 500;
export const REQUEST_BUDGET = 500;
export const CRON_BUDGET = 10_000;

// Caches the hashes of entries not hashed yet, oldest first, and the perfect subtrees
// they complete. Returns the size of the hashed prefix (the largest provable tree).
export async function syncLog(d1: D1Database, pledge: LogPledge, budget = REQUEST_BUDGET): Promise<number> {
  let left = budget;
  for (;;) {
    const batch = await q.unhashedEntries(d1, pledge.id, Math.min(ROUND, left));
    if (batch.length === 0) return q.entryCount(d1, pledge.id);
    const from = batch[0]!.seq;
    const frontier = await q.getNodes(d1, pledge.id, frontierNodes(from));
    const leaves: Array<{ seq: number; commitment: string; leafHash: string }> = [];
    const hashes: Hash[] = [];
    for (const e of batch) {
      if (e.seq !== from + leaves.length) throw new Error(`log of pledge ${pledge.id}: entry ${from + leaves.length} missing`);
      const c = await commitment(e.salt, e.subjectId);
      const h = await entryLeafHash(pledge.slug, { seq: e.seq, kind: e.kind, type: e.type, time: e.time, commitment: c, ...reasonFields(e.reason) });
      leaves.push({ seq: e.seq, commitment: c, leafHash: toHex(h) });
      hashes.push(h);
    }
    const nodes = await completedNodes(from, hashes, (k) => {
      const hex = frontier.get(q.nodeKey(k.level, k.index));
      return hex ? fromHex(hex) : undefined;
    });
    await q.storeHashes(
      d1,
      pledge.id,
      leaves,
      nodes.map((n) => ({ level: n.level, index: n.index, hash: toHex(n.hash) })),
    );
    left -= batch.length;
    if (left <= 0 || batch.length < ROUND) return from + batch.length;
  }
}

// MTH of each range, from stored subtrees (one read for all of them).
async function rangeHashes(d1: D1Database, pledgeId: number, ranges: Range[]): Promise<Hash[]> {
  const keys = new Map<string, NodeKey>();
  for (const r of ranges) for (const k of rangeNodes(r)) keys.set(q.nodeKey(k.level, k.index), k);
  const stored = await q.getNodes(d1, pledgeId, [...keys.values()]);
  const node = (k: NodeKey) => {
    const hex = stored.get(q.nodeKey(k.level, k.index));
    if (!hex) throw new Error(`log of pledge ${pledgeId}: subtree ${k.level}:${k.index} not stored`);
    return fromHex(hex);
  };
  const out: Hash[] = [];
  for (const r of ranges) out.push(await rangeHash(r, node));
  return out;
}

export async function treeRoot(d1: D1Database, pledgeId: number, size: number): Promise<Hash> {
  if (size === 0) return emptyRoot();
  const [root] = await rangeHashes(d1, pledgeId, [[0, size]]);
  return root!;
}

// Callers check index < treeSize <= the hashed size.
export async function inclusionProof(d1: D1Database, pledgeId: number, index: number, treeSize: number): Promise<string[]> {
  return (await rangeHashes(d1, pledgeId, inclusionRanges(index, treeSize))).map(toHex);
}

export async function consistencyProof(d1: D1Database, pledgeId: number, first: number, second: number): Promise<string[]> {
  return (await rangeHashes(d1, pledgeId, consistencyRanges(first, second))).map(toHex);
}

export class LogKeyMissing extends Error {
  override name = 'LogKeyMissing';
}

// The key is set but must not sign here (the published development key on a public site).
export class LogKeyRefused extends LogKeyMissing {
  override name = 'LogKeyRefused';
}

// Public keys of the Ed25519 seeds published in this repository (.dev.vars.example and
// the test configuration): anyone can sign with them, so they only sign on localhost.
export const DEVELOPMENT_PUBLIC_KEYS = ['qINYUh8GP8sx65KEaSYuHztBtCy11x5pkA0KSx1aHuc=', 'O8vtCDOQ5Eq2YkSQo83jLe/uvlHeleIdp0IN9ECIVY8='];

export function isLocalUrl(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false;
  try {
    const host = new URL(publicUrl).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

let cachedKey: { secret: string; key: Promise<SigningKey> } | null = null;

// The checkpoint signing key from the LOG_SIGNING_KEY secret, imported once per isolate.
// A published development key is refused unless PUBLIC_URL is a localhost address.
export async function signingKey(env: { LOG_SIGNING_KEY?: string; PUBLIC_URL?: string }): Promise<SigningKey> {
  const secret = env.LOG_SIGNING_KEY;
  if (!secret) throw new LogKeyMissing('LOG_SIGNING_KEY is not set');
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: importSigningKey(secret) };
  const key = await cachedKey.key;
  if (DEVELOPMENT_PUBLIC_KEYS.includes(key.info.publicKey) && !isLocalUrl(env.PUBLIC_URL)) {
    throw new LogKeyRefused('LOG_SIGNING_KEY is the published development key and PUBLIC_URL is not a localhost address: no checkpoint is signed; set a key of your own');
  }
  return key;
}

// What keeps the log from working, for /healthz (empty when it signs).
export async function logProblems(env: { LOG_SIGNING_KEY?: string; PUBLIC_URL?: string }): Promise<string[]> {
  if (!env.LOG_SIGNING_KEY) return [];
  try {
    await signingKey(env);
  } catch (err) {
    return [err instanceof Error ? err.message : 'LOG_SIGNING_KEY cannot be used'];
  }
  return logKeyName(env.PUBLIC_URL) ? [] : ['PUBLIC_URL is not set: the log has no origin, so no checkpoint note is served'];
}

export type LogEnv = { DB: D1Database; LOG_SIGNING_KEY?: string; PUBLIC_URL?: string; LOG_WITNESSES?: string };

// At most one new checkpoint per this interval on request paths, unless a receipt
// needs one that covers its entry.
export const CHECKPOINT_INTERVAL_MS = 10_000;

// Freshness: the Cron Trigger runs every 15 minutes and signs a new checkpoint for
// every log, grown or idle, unless one was signed less than this long ago (a run that
// Cloudflare repeats, or a request that signed a moment before). An idle log's new
// checkpoint has the same size and root and a new timestamp (migrations/0019: more
// than one checkpoint per tree size), so the latest checkpoint is never older than one
// Cron period and a client can tell a current log from a frozen copy.
export const CRON_REFRESH_AFTER_MS = 60_000;

// The latest checkpoint, signing a new one first when the log grew (and the last one is
// older than minIntervalMs, or does not cover entry `cover`), or, with refreshAfterMs,
// when the last one is at least that old even if the log is idle (same size, new time). A checkpoint's counts are
// the published counters, read in one transaction with the log's size; it is signed only
// if they equal the log's additions minus removals. On a difference nothing is signed,
// the difference is reported, and the previous checkpoint stays the latest.
export async function ensureCheckpoint(
  env: LogEnv,
  pledge: LogPledge,
  opts: { now: number; minIntervalMs?: number; cover?: number; budget?: number; refreshAfterMs?: number },
): Promise<Checkpoint | null> {
  const d1 = env.DB;
  // First, so that a refused key (LogKeyRefused) serves no checkpoint at all.
  const key = await signingKey(env);
  const snap = await q.snapshot(d1, pledge.id);
  const latest: Checkpoint | null = snap.latest ? { pledge: pledge.slug, ...snap.latest } : null;
  if (latest) {
    const grown = snap.size > latest.treeSize;
    const mustCover = opts.cover !== undefined && opts.cover >= latest.treeSize;
    const due = opts.now - latest.timestamp >= (opts.minIntervalMs ?? CHECKPOINT_INTERVAL_MS);
    const stale = opts.refreshAfterMs !== undefined && opts.now - latest.timestamp >= opts.refreshAfterMs;
    if (!stale && (!grown || (!mustCover && !due))) return latest;
  }
  const hashed = await syncLog(d1, pledge, opts.budget ?? REQUEST_BUDGET);
  if (hashed < snap.size) return latest;
  const base = latest ?? { treeSize: 0, individuals: 0, societies: 0 };
  const delta = await q.netCounts(d1, pledge.id, base.treeSize, snap.size);
  const fromLog = { individuals: base.individuals + delta.individuals, societies: base.societies + delta.societies };
  if (fromLog.individuals !== snap.counters.individuals || fromLog.societies !== snap.counters.societies) {
    console.warn(`log: pledge ${pledge.id} counters ${JSON.stringify(snap.counters)} differ from the log ${JSON.stringify(fromLog)} at size ${snap.size}; not signing`);
    return latest;
  }
  const signed = await signCheckpoint(
    {
      pledge: pledge.slug,
      treeSize: snap.size,
      rootHash: toHex(await treeRoot(d1, pledge.id, snap.size)),
      individuals: fromLog.individuals,
      societies: fromLog.societies,
      timestamp: Math.max(opts.now, latest?.timestamp ?? 0),
      keyId: key.info.keyId,
    },
    key.privateKey,
  );
  await q.insertCheckpoint(d1, pledge.id, signed);
  // A concurrent request may have signed the same size first (everyone serves the newest
  // at that size), or a bigger tree with a later time (then that one is the latest).
  const stored = await q.checkpointAt(d1, pledge.id, snap.size);
  if (stored) return { pledge: pledge.slug, ...stored };
  const newest = (await q.snapshot(d1, pledge.id)).latest;
  return newest ? { pledge: pledge.slug, ...newest } : null;
}
