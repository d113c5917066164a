import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { db } from '../db/client.ts';
import { pledges } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { publishCounts } from '../live/notify.ts';
import { getCounts } from './counts.queries.ts';

// After any change of counts, push the new totals to open pages, after the response.
export function afterCountsChanged(c: Context<AppEnv>, pledgeId: number): void {
  const work = (async () => {
    const d = db(c.env.DB);
    const [pledge] = await d.select({ slug: pledges.slug }).from(pledges).where(eq(pledges.id, pledgeId)).limit(1);
    if (!pledge) return;
    await publishCounts(c.env, pledge.slug, await getCounts(d, pledgeId));
  })().catch((err) => console.warn(`publishing counts failed: ${err instanceof Error ? err.message : 'error'}`));
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (some test harnesses): the promise still runs.
  }
}
