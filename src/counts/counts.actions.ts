import type { Context } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { forgetSocieties } from '../pledges/pledges.cache.ts';
import { reachMilestones } from '../updates/updates.actions.ts';
import { forgetCounts } from './counts.cache.ts';
import { publishCounts } from './live/live.ts';

// After any change of counts (confirmation, withdrawal, invalidation, verified
// endorsement), push the new totals to open pages, after the response, and publish a
// milestone if the count crossed one (issue 15; idempotent, src/updates/updates.actions.ts).
export function afterCountsChanged(c: Context<AppEnv>, pledgeId: number): void {
  forgetCounts(pledgeId);
  forgetSocieties(pledgeId);
  const milestones = reachMilestones(db(c.env.DB), pledgeId, Date.now()).catch((err: unknown) => {
    console.error(`milestone check failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
  });
  const work = Promise.all([publishCounts(c.env, pledgeId), milestones]);
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (some test harnesses): the promise still runs.
  }
}
