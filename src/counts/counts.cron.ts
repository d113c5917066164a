// The recount job: counters are derived data, rebuilt here from the rows they count.
// Runs from the Cron Trigger; reports and repairs any drift, cross-checks the headline
// counters against the public log (src/log/), and expires stale pending signatures. Each repair is one SQL statement, so it is atomic against concurrent
// confirmations (D1 runs statements one at a time).

import { findLogDrift, type LogDrift } from '../log/log.queries.ts';
import { sqlText } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { COUNTERS, recountSql } from './counters.ts';

// Every counter value as the rows say it should be, one query per metric (D1 caps the
// number of terms in a compound SELECT, so no single UNION of them all).
const SOURCES: Record<string, string> = Object.fromEntries(COUNTERS.map((c) => [c.metric, recountSql(c)]));

const drift = (metric: string, source: string) => `
  WITH actual AS (${source})
  SELECT a.pledge_id AS pledgeId, ${sqlText(metric)} AS metric, a.bucket, coalesce(c.value, 0) AS stored, a.value AS actual
    FROM actual a LEFT JOIN counters c ON c.pledge_id = a.pledge_id AND c.metric = ${sqlText(metric)} AND c.bucket = a.bucket
    WHERE coalesce(c.value, 0) != a.value
  UNION ALL
  SELECT c.pledge_id, c.metric, c.bucket, c.value, 0 FROM counters c
    WHERE c.metric = ${sqlText(metric)} AND c.value != 0
      AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.pledge_id = c.pledge_id AND a.bucket = c.bucket)`;

const repair = (metric: string, source: string) => [
  `WITH actual AS (${source})
   INSERT INTO counters (pledge_id, metric, bucket, value, updated_at)
   SELECT pledge_id, ${sqlText(metric)}, bucket, value, ?1 FROM actual WHERE true
   ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
   WHERE counters.value != excluded.value`,
  `WITH actual AS (${source})
   UPDATE counters SET value = 0, updated_at = ?1
   WHERE metric = ${sqlText(metric)} AND value != 0
     AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.pledge_id = counters.pledge_id AND a.bucket = counters.bucket)`,
];

export type Drift = { pledgeId: number; metric: string; bucket: string; stored: number; actual: number };

export async function findDrift(d1: D1Database): Promise<Drift[]> {
  const results = await d1.batch<Drift>(Object.entries(SOURCES).map(([metric, source]) => d1.prepare(drift(metric, source))));
  return results.flatMap((r) => r.results);
}

// After repairs the counters equal the rows; logDrift lists every headline counter
// that still differs from the log's additions minus removals. The log is append-only,
// so that difference is reported, never repaired here: it means a state changed outside
// the triggers, and checkpoints are not signed until it is resolved.
export async function recount(d1: D1Database, now = Date.now()): Promise<{ drift: Drift[]; logDrift: LogDrift[] }> {
  const found = await findDrift(d1);
  if (found.length > 0) {
    // One batch: all repairs apply together or not at all.
    await d1.batch(Object.entries(SOURCES).flatMap(([metric, source]) => repair(metric, source).map((sql) => d1.prepare(sql).bind(now))));
  }
  return { drift: found, logDrift: await findLogDrift(d1) };
}

// Pending signatures never confirmed within the token lifetime are deleted: they never
// counted, and keeping an unconfirmed person's data serves no one.
export async function expirePending(d1: D1Database, now = Date.now(), ttlMs = 7 * 24 * 60 * 60 * 1000): Promise<number> {
  const r = await d1
    .prepare(`DELETE FROM signatures WHERE state = ${sqlText(SIGNATURE.pending)} AND created_at < ?1`)
    .bind(now - ttlMs)
    .run();
  return r.meta.changes ?? 0;
}
