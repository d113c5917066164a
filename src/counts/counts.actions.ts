import type { Context } from 'hono';
import { Coalescer } from '../platform/coalescer.ts';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { keepAliveOf } from '../platform/http/keep-alive.ts';
import type { KeepAlive } from '../platform/rounds.ts';
import { forgetSocieties } from '../pledges/pledges.cache.ts';
import { reachMilestones } from '../updates/updates.actions.ts';
import { forgetCounts } from './counts.cache.ts';
import { publishCounts } from './live/live.ts';

// One run at a time per pledge in this isolate; changes made meanwhile share the next.
const followUps = new Coalescer<number>();

// After any change of counts (confirmation, withdrawal, invalidation, verified
// endorsement), push the new totals to open pages and then publish a milestone if the
// count crossed one (issue 15; idempotent, src/updates/updates.actions.ts), all after
// the response and coalesced per pledge: the response path stays one D1 statement.
export function afterCountsChanged(c: Context<AppEnv>, pledgeId: number): void {
  countsChanged(c.env, keepAliveOf(c), pledgeId);
}

// The same without a Hono context, for a handler that answers before the router.
export function countsChanged(env: AppEnv['Bindings'], keepAlive: KeepAlive, pledgeId: number): void {
  forgetCounts(pledgeId);
  forgetSocieties(pledgeId);
  const work = followUps.run(pledgeId, async () => {
    await publishCounts(env, pledgeId);
    await reachMilestones(db(env.DB), pledgeId, Date.now()).catch((err: unknown) => {
      console.error(`milestone check failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
    });
  });
  if (work) keepAlive(work);
}
