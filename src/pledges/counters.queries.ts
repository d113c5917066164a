import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { counters } from '../platform/db/schema.ts';

export type Counts = { individuals: number; societies: number; updatedAt: number };

// Reads the two headline counters (never a scan of signatures).
export async function getCounts(db: Db, pledgeId: number): Promise<Counts> {
  const rows = await db
    .select({ metric: counters.metric, value: counters.value, updatedAt: counters.updatedAt })
    .from(counters)
    .where(and(eq(counters.pledgeId, pledgeId), eq(counters.bucket, ''), inArray(counters.metric, ['individuals', 'societies'])));
  const counts: Counts = { individuals: 0, societies: 0, updatedAt: 0 };
  for (const row of rows) {
    if (row.metric === 'individuals' || row.metric === 'societies') counts[row.metric] = row.value;
    counts.updatedAt = Math.max(counts.updatedAt, row.updatedAt);
  }
  return counts;
}
