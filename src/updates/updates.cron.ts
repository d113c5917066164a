import { db } from '../platform/db/client.ts';
import { reachAllMilestones } from './updates.actions.ts';

// Cron Trigger: publish the milestones that counts crossed by paths that do not call
// afterCountsChanged (a recount repair, say). Idempotent: each fires once.
export async function publishCrossedMilestones(d1: D1Database, now = Date.now()): Promise<number> {
  return reachAllMilestones(db(d1), now);
}
