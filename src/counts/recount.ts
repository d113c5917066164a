// The recount job: counters are derived data, rebuilt here from the rows they count.
// Runs from the Cron Trigger; reports and repairs any drift, and expires stale pending
// signatures. Each repair is one SQL statement, so it is atomic against concurrent
// confirmations (D1 runs statements one at a time).

// Every counter value as the rows say it should be.
const ACTUAL = `
  SELECT pledge_id, 'individuals' AS metric, '' AS bucket, count(*) AS value FROM signatures WHERE state = 'confirmed' GROUP BY pledge_id
  UNION ALL SELECT pledge_id, 'field', field, count(*) FROM signatures WHERE state = 'confirmed' GROUP BY pledge_id, field
  UNION ALL SELECT pledge_id, 'region', region, count(*) FROM signatures WHERE state = 'confirmed' GROUP BY pledge_id, region
  UNION ALL SELECT pledge_id, 'society', CAST(society_id AS TEXT), count(*) FROM signatures WHERE state = 'confirmed' AND society_id IS NOT NULL GROUP BY pledge_id, society_id
  UNION ALL SELECT pledge_id, 'hour', strftime('%Y-%m-%dT%H', confirmed_at / 1000, 'unixepoch'), count(*) FROM signatures WHERE state = 'confirmed' GROUP BY 1, 3
  UNION ALL SELECT pledge_id, 'day', strftime('%Y-%m-%d', confirmed_at / 1000, 'unixepoch'), count(*) FROM signatures WHERE state = 'confirmed' GROUP BY 1, 3
  UNION ALL SELECT pledge_id, 'societies', '', count(*) FROM endorsements WHERE state = 'verified' GROUP BY pledge_id
`;

const DRIFT = `
  WITH actual AS (${ACTUAL})
  SELECT a.pledge_id AS pledgeId, a.metric, a.bucket, coalesce(c.value, 0) AS stored, a.value AS actual
    FROM actual a LEFT JOIN counters c ON c.pledge_id = a.pledge_id AND c.metric = a.metric AND c.bucket = a.bucket
    WHERE coalesce(c.value, 0) != a.value
  UNION ALL
  SELECT c.pledge_id, c.metric, c.bucket, c.value, 0 FROM counters c
    WHERE c.value != 0 AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.pledge_id = c.pledge_id AND a.metric = c.metric AND a.bucket = c.bucket)
`;

const REPAIR = [
  `WITH actual AS (${ACTUAL})
   INSERT INTO counters (pledge_id, metric, bucket, value, updated_at)
   SELECT pledge_id, metric, bucket, value, ?1 FROM actual WHERE true
   ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
   WHERE counters.value != excluded.value`,
  `WITH actual AS (${ACTUAL})
   UPDATE counters SET value = 0, updated_at = ?1
   WHERE value != 0 AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.pledge_id = counters.pledge_id AND a.metric = counters.metric AND a.bucket = counters.bucket)`,
];

export type Drift = { pledgeId: number; metric: string; bucket: string; stored: number; actual: number };

export async function findDrift(d1: D1Database): Promise<Drift[]> {
  return (await d1.prepare(DRIFT).all<Drift>()).results;
}

export async function recount(d1: D1Database, now = Date.now()): Promise<{ drift: Drift[] }> {
  const drift = await findDrift(d1);
  if (drift.length > 0) await d1.batch(REPAIR.map((sql) => d1.prepare(sql).bind(now)));
  return { drift };
}

// Pending signatures never confirmed within the token lifetime are deleted: they never
// counted, and keeping an unconfirmed person's data serves no one.
export async function expirePending(d1: D1Database, now = Date.now(), ttlMs = 7 * 24 * 60 * 60 * 1000): Promise<number> {
  const r = await d1.prepare(`DELETE FROM signatures WHERE state = 'pending' AND created_at < ?1`).bind(now - ttlMs).run();
  return r.meta.changes ?? 0;
}
