import { db } from '../platform/db/client.ts';
import { listPublicPledges } from '../pledges/pledges.queries.ts';
import { currentSnapshot } from './stats.ts';

// Cron Trigger: take the statistics snapshot of the new period for every public pledge,
// so the first visitor of the hour does not pay for it (a request takes it otherwise).
export async function snapshotStats(d1: D1Database, now = Date.now()): Promise<number> {
  const d = db(d1);
  const pledges = await listPublicPledges(d);
  for (const p of pledges) await currentSnapshot(d, p.id, now);
  return pledges.length;
}
