import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';

export type CounterRow = { metric: string; bucket: string; value: number };

// Breakdown counters of a pledge: field, region, society membership, every day, and
// the hours since `hoursSince` (an 'YYYY-MM-DDTHH' bucket). Never a scan of signatures.
export async function getBreakdownCounters(db: Db, pledgeId: number, hoursSince: string): Promise<CounterRow[]> {
  return db.all<CounterRow>(sql`
    SELECT metric, bucket, value FROM counters
    WHERE pledge_id = ${pledgeId} AND value > 0
      AND (metric IN ('field', 'region', 'society', 'day') OR (metric = 'hour' AND bucket >= ${hoursSince}))`);
}

export type SocietyNames = { id: number; nameHans: string | null; nameHant: string | null; nameEn: string | null };

export async function getSocietyNames(db: Db, ids: number[]): Promise<SocietyNames[]> {
  if (ids.length === 0) return [];
  return db.all<SocietyNames>(sql`
    SELECT id, name_hans AS nameHans, name_hant AS nameHant, name_en AS nameEn FROM societies
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

// What a snapshot holds: the counter values the published statistics are computed from.
export type SnapshotBody = {
  individuals: number;
  updatedAt: number;
  rows: CounterRow[];
  removals?: { withdrawn: number; invalidated: number; byCategory: Record<string, number> };
  // Confirmed signatures by verification level (issue 16); absent in older snapshots.
  levels?: { email: number; institution: number; orcid: number };
};
export type Snapshot = { period: string; takenAt: number; body: SnapshotBody };

export async function getSnapshot(db: Db, pledgeId: number): Promise<Snapshot | null> {
  const [row] = await db.all<{ period: string; takenAt: number; body: string }>(sql`SELECT period, taken_at AS takenAt, body FROM stats_snapshots WHERE pledge_id = ${pledgeId}`);
  return row ? { period: row.period, takenAt: row.takenAt, body: JSON.parse(row.body) as SnapshotBody } : null;
}

// Stores the snapshot of a new period; an older period never replaces a newer one, and
// of two requests racing for the same period the first wins (both then serve it).
export async function putSnapshot(db: Db, pledgeId: number, s: Snapshot): Promise<Snapshot> {
  await db.run(sql`
    INSERT INTO stats_snapshots (pledge_id, period, taken_at, body) VALUES (${pledgeId}, ${s.period}, ${s.takenAt}, ${JSON.stringify(s.body)})
    ON CONFLICT (pledge_id) DO UPDATE SET period = excluded.period, taken_at = excluded.taken_at, body = excluded.body
    WHERE excluded.period > stats_snapshots.period`);
  return (await getSnapshot(db, pledgeId)) ?? s;
}
