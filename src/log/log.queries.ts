// Storage for the log: plain D1 statements. Functions take the binding first.
import type { Checkpoint } from './checkpoint.ts';
import { type EntryKind, type PublicEntry, reasonFields, type SubjectType } from './entry.ts';
import type { NodeKey } from './merkle.ts';

export type RawEntry = { seq: number; kind: EntryKind; type: SubjectType; subjectId: number; salt: string; time: number; reason: string | null };

// The oldest entries whose hashes are not cached yet (they always form a suffix).
export async function unhashedEntries(d1: D1Database, pledgeId: number, limit: number): Promise<RawEntry[]> {
  const { results } = await d1
    .prepare(
      `SELECT seq, kind, subject_type AS type, subject_id AS subjectId, salt, created_at AS time, reason
       FROM log_entries WHERE pledge_id = ?1 AND leaf_hash IS NULL ORDER BY seq LIMIT ?2`,
    )
    .bind(pledgeId, limit)
    .all<RawEntry>();
  return results;
}

export async function entryCount(d1: D1Database, pledgeId: number): Promise<number> {
  const row = await d1.prepare(`SELECT coalesce(max(seq) + 1, 0) AS n FROM log_entries WHERE pledge_id = ?1`).bind(pledgeId).first<{ n: number }>();
  return row?.n ?? 0;
}

// Hashes of perfect subtrees, by key; level 0 is the cached leaf hash.
export async function getNodes(d1: D1Database, pledgeId: number, keys: NodeKey[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const want = JSON.stringify(keys.map((k) => [k.level, k.index]));
  const { results } = await d1
    .prepare(
      `WITH want(level, idx) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2))
       -- CROSS JOIN keeps the few wanted keys as the outer loop (primary-key lookups).
       SELECT 0 AS level, e.seq AS idx, e.leaf_hash AS hash FROM want w CROSS JOIN log_entries e ON e.pledge_id = ?1 AND e.seq = w.idx
         WHERE w.level = 0 AND e.leaf_hash IS NOT NULL
       UNION ALL
       SELECT n.level, n.idx, n.hash FROM want w CROSS JOIN log_nodes n ON n.pledge_id = ?1 AND n.level = w.level AND n.idx = w.idx
         WHERE w.level > 0`,
    )
    .bind(pledgeId, want)
    .all<{ level: number; idx: number; hash: string }>();
  for (const r of results) out.set(nodeKey(r.level, r.idx), r.hash);
  return out;
}

export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

// Caches leaf hashes and commitments and stores the subtrees they complete, in one
// transaction, so the cached prefix and its subtrees always agree. Idempotent.
export async function storeHashes(
  d1: D1Database,
  pledgeId: number,
  leaves: Array<{ seq: number; commitment: string; leafHash: string }>,
  nodes: Array<{ level: number; index: number; hash: string }>,
): Promise<void> {
  const update = d1.prepare(`UPDATE log_entries SET commitment = ?3, leaf_hash = ?4 WHERE pledge_id = ?1 AND seq = ?2 AND leaf_hash IS NULL`);
  await d1.batch([
    d1
      .prepare(
        `INSERT OR IGNORE INTO log_nodes (pledge_id, level, idx, hash)
         SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?2)`,
      )
      .bind(pledgeId, JSON.stringify(nodes.map((n) => [n.level, n.index, n.hash]))),
    // One statement per leaf: each is a primary-key lookup (a join with json_each could
    // make SQLite scan the whole log for every leaf).
    ...leaves.map((l) => update.bind(pledgeId, l.seq, l.commitment, l.leafHash)),
  ]);
}

// Published entries [start, end) (only the hashed prefix is published).
export async function publicEntries(d1: D1Database, pledgeId: number, start: number, end: number): Promise<Array<PublicEntry & { leafHash: string }>> {
  const { results } = await d1
    .prepare(
      `SELECT seq, kind, subject_type AS type, created_at AS time, commitment, leaf_hash AS leafHash, reason
       FROM log_entries WHERE pledge_id = ?1 AND seq >= ?2 AND seq < ?3 AND leaf_hash IS NOT NULL ORDER BY seq`,
    )
    .bind(pledgeId, start, end)
    .all<Omit<PublicEntry, 'reason' | 'category'> & { leafHash: string; reason: string | null }>();
  return results.map(({ reason, leafHash, ...e }) => ({ ...e, ...reasonFields(reason), leafHash }));
}

// The subject's latest entry (for receipts), with its private salt.
export async function latestEntryFor(d1: D1Database, pledgeId: number, type: SubjectType, subjectId: number) {
  return d1
    .prepare(
      `SELECT seq, kind, subject_type AS type, subject_id AS subjectId, salt, created_at AS time, reason FROM log_entries
       WHERE pledge_id = ?1 AND subject_type = ?2 AND subject_id = ?3 ORDER BY seq DESC LIMIT 1`,
    )
    .bind(pledgeId, type, subjectId)
    .first<RawEntry>();
}

const CHECKPOINT_COLUMNS = `tree_size AS treeSize, root_hash AS rootHash, individuals, societies, timestamp, key_id AS keyId, signature`;

type CheckpointRow = Omit<Checkpoint, 'pledge'>;

// A consistent snapshot (one D1 batch is one transaction): the latest checkpoint, the
// log's size, the published counters, and additions minus removals after the checkpoint.
export async function snapshot(d1: D1Database, pledgeId: number) {
  const [latest, size, counters] = await d1.batch([
    d1.prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE pledge_id = ?1 ORDER BY tree_size DESC, timestamp DESC LIMIT 1`).bind(pledgeId),
    d1.prepare(`SELECT coalesce(max(seq) + 1, 0) AS n FROM log_entries WHERE pledge_id = ?1`).bind(pledgeId),
    d1.prepare(`SELECT metric, value FROM counters WHERE pledge_id = ?1 AND bucket = '' AND metric IN ('individuals', 'societies')`).bind(pledgeId),
  ]);
  const counts = { individuals: 0, societies: 0 };
  for (const r of (counters?.results ?? []) as Array<{ metric: 'individuals' | 'societies'; value: number }>) counts[r.metric] = r.value;
  return {
    latest: ((latest?.results ?? [])[0] as CheckpointRow | undefined) ?? null,
    size: ((size?.results ?? [])[0] as { n: number } | undefined)?.n ?? 0,
    counters: counts,
  };
}

// Additions minus removals per type among entries [start, end).
export async function netCounts(d1: D1Database, pledgeId: number, start: number, end: number) {
  const row = await d1
    .prepare(
      `SELECT coalesce(sum(CASE WHEN subject_type = 'individual' THEN (CASE kind WHEN 'add' THEN 1 ELSE -1 END) END), 0) AS individuals,
              coalesce(sum(CASE WHEN subject_type = 'society' THEN (CASE kind WHEN 'add' THEN 1 ELSE -1 END) END), 0) AS societies
       FROM log_entries WHERE pledge_id = ?1 AND seq >= ?2 AND seq < ?3`,
    )
    .bind(pledgeId, start, end)
    .first<{ individuals: number; societies: number }>();
  return row ?? { individuals: 0, societies: 0 };
}

// Stored only if it keeps the history in order: no bigger tree with an earlier time, no
// smaller tree with a later time (two requests signing at once could otherwise cross),
// no other root at the same size. The same size again with a later time is a fresh
// checkpoint of an idle log (the Cron Trigger's).
export async function insertCheckpoint(d1: D1Database, pledgeId: number, c: Checkpoint): Promise<void> {
  await d1
    .prepare(
      `INSERT OR IGNORE INTO log_checkpoints (pledge_id, tree_size, root_hash, individuals, societies, timestamp, key_id, signature)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE NOT EXISTS (SELECT 1 FROM log_checkpoints WHERE pledge_id = ?1 AND ((tree_size < ?2 AND timestamp > ?6) OR (tree_size > ?2 AND timestamp < ?6) OR (tree_size = ?2 AND root_hash != ?3)))`,
    )
    .bind(pledgeId, c.treeSize, c.rootHash, c.individuals, c.societies, c.timestamp, c.keyId, c.signature)
    .run();
}

// The newest checkpoint of a tree size (an idle log has one per Cron run at its size).
export async function checkpointAt(d1: D1Database, pledgeId: number, treeSize: number): Promise<CheckpointRow | null> {
  return d1
    .prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE pledge_id = ?1 AND tree_size = ?2 ORDER BY timestamp DESC LIMIT 1`)
    .bind(pledgeId, treeSize)
    .first<CheckpointRow>();
}

// History, newest first, below a tree size: one checkpoint per tree size, the newest
// (the fresh re-signings of an idle log add nothing a verifier could check twice, and
// paging by tree size stays exact).
export async function checkpointsBefore(d1: D1Database, pledgeId: number, before: number, limit: number): Promise<CheckpointRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints c WHERE pledge_id = ?1 AND tree_size < ?2
         AND timestamp = (SELECT max(timestamp) FROM log_checkpoints d WHERE d.pledge_id = c.pledge_id AND d.tree_size = c.tree_size)
       ORDER BY tree_size DESC LIMIT ?3`,
    )
    .bind(pledgeId, before, limit)
    .all<CheckpointRow>();
  return results;
}

// Pledges whose log has entries, for the Cron Trigger.
export async function pledgesWithLogs(d1: D1Database): Promise<Array<{ id: number; slug: string }>> {
  const { results } = await d1
    .prepare(`SELECT id, slug FROM pledges WHERE EXISTS (SELECT 1 FROM log_entries e WHERE e.pledge_id = pledges.id) ORDER BY id`)
    .all<{ id: number; slug: string }>();
  return results;
}

// Counters against the log: every pledge where a headline counter differs from the
// log's additions minus removals.
export type LogDrift = { pledgeId: number; metric: 'individuals' | 'societies'; counter: number; log: number };

export async function findLogDrift(d1: D1Database): Promise<LogDrift[]> {
  const { results } = await d1
    .prepare(
      `WITH net AS (
         SELECT pledge_id, CASE subject_type WHEN 'individual' THEN 'individuals' ELSE 'societies' END AS metric,
                sum(CASE kind WHEN 'add' THEN 1 ELSE -1 END) AS value
         FROM log_entries GROUP BY pledge_id, subject_type),
       keys AS (
         SELECT pledge_id, metric FROM net
         UNION SELECT pledge_id, metric FROM counters WHERE bucket = '' AND metric IN ('individuals', 'societies'))
       SELECT k.pledge_id AS pledgeId, k.metric, coalesce(c.value, 0) AS counter, coalesce(n.value, 0) AS log
       FROM keys k
       LEFT JOIN counters c ON c.pledge_id = k.pledge_id AND c.metric = k.metric AND c.bucket = ''
       LEFT JOIN net n ON n.pledge_id = k.pledge_id AND n.metric = k.metric
       WHERE coalesce(c.value, 0) != coalesce(n.value, 0)
       ORDER BY 1, 2`,
    )
    .all<LogDrift>();
  return results;
}

// Hashes of the perfect subtrees of one level, indices [start, end), in order (level 0:
// the cached leaf hashes). For tiles (c2sp.org/tlog-tiles).
export async function levelHashes(d1: D1Database, pledgeId: number, level: number, start: number, end: number): Promise<string[]> {
  const stmt =
    level === 0
      ? d1.prepare(`SELECT leaf_hash AS hash FROM log_entries WHERE pledge_id = ?1 AND seq >= ?2 AND seq < ?3 AND leaf_hash IS NOT NULL ORDER BY seq`).bind(pledgeId, start, end)
      : d1.prepare(`SELECT hash FROM log_nodes WHERE pledge_id = ?1 AND level = ?4 AND idx >= ?2 AND idx < ?3 ORDER BY idx`).bind(pledgeId, start, end, level);
  const { results } = await stmt.all<{ hash: string }>();
  return results.map((r) => r.hash);
}

// The newest cosignature line of each witness for a checkpoint (each ends in "\n").
export async function cosignatureLines(d1: D1Database, pledgeId: number, treeSize: number): Promise<string[]> {
  const { results } = await d1
    .prepare(
      `SELECT line FROM log_cosignatures c WHERE pledge_id = ?1 AND tree_size = ?2
         AND time = (SELECT max(time) FROM log_cosignatures d WHERE d.pledge_id = c.pledge_id AND d.tree_size = c.tree_size AND d.witness = c.witness)
       ORDER BY witness`,
    )
    .bind(pledgeId, treeSize)
    .all<{ line: string }>();
  return results.map((r) => r.line);
}

// Per witness: the largest tree size it cosigned for a pledge, and when it last did.
export async function witnessStates(d1: D1Database, pledgeId: number): Promise<Map<string, { size: number; time: number }>> {
  const { results } = await d1
    .prepare(`SELECT witness, max(tree_size) AS size, max(time) AS time FROM log_cosignatures WHERE pledge_id = ?1 GROUP BY witness`)
    .bind(pledgeId)
    .all<{ witness: string; size: number; time: number }>();
  return new Map(results.map((r) => [r.witness, { size: r.size, time: r.time }]));
}

export async function insertCosignature(d1: D1Database, pledgeId: number, treeSize: number, witness: string, time: number, line: string): Promise<void> {
  await d1
    .prepare(`INSERT OR IGNORE INTO log_cosignatures (pledge_id, tree_size, witness, time, line) VALUES (?1, ?2, ?3, ?4, ?5)`)
    .bind(pledgeId, treeSize, witness, time, line)
    .run();
}

// Removals per subject type and reason ('withdrawn', 'invalidated:<category>', or
// 'unrecorded' for removals logged before reasons were), for the stats.
export async function removalsByReason(d1: D1Database, pledgeId: number): Promise<Array<{ type: SubjectType; reason: string; n: number }>> {
  const { results } = await d1
    .prepare(
      `SELECT subject_type AS type, coalesce(reason, 'unrecorded') AS reason, count(*) AS n FROM log_entries
       WHERE pledge_id = ?1 AND kind = 'remove' GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .bind(pledgeId)
    .all<{ type: SubjectType; reason: string; n: number }>();
  return results;
}
