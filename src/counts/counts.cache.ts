import { db } from '../platform/db/client.ts';
import { Memo, readCacheMs } from '../platform/memo.ts';
import { type Counts, getCounts } from '../pledges/counters.queries.ts';

// The headline counters, memoised per isolate for READ_CACHE_MS: the counts API and the
// pledge page are the hottest reads. A change of counts in this isolate forgets them
// at once (afterCountsChanged); other isolates catch up within the TTL.
const countsByPledge = new Memo<number, Counts>();

export function cachedCounts(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<Counts> {
  return countsByPledge.get(pledgeId, readCacheMs(env), () => getCounts(db(env.DB), pledgeId));
}

export function forgetCounts(pledgeId?: number): void {
  countsByPledge.forget(pledgeId);
}
