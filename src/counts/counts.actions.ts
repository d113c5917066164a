import type { Context } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { forgetSocieties } from '../pledges/pledges.cache.ts';
import { forgetCounts } from './counts.cache.ts';
import { publishCounts } from './live/live.ts';

// After any change of counts (confirmation, withdrawal, invalidation, verified
// endorsement), push the new totals to open pages, after the response.
export function afterCountsChanged(c: Context<AppEnv>, pledgeId: number): void {
  forgetCounts(pledgeId);
  forgetSocieties(pledgeId);
  const work = publishCounts(c.env, pledgeId);
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (some test harnesses): the promise still runs.
  }
}
