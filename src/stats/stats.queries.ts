import type { Db } from '../platform/db/client.ts';
import { sql } from 'drizzle-orm';

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
