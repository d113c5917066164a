import { Memo, readCacheMs } from '../cache/memo.ts';
import { db } from '../db/client.ts';
import { type Counts, getCounts } from './counts.queries.ts';

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
