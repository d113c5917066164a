import { db } from '../platform/db/client.ts';
import { Memo, readCacheMs } from '../platform/memo.ts';
import { type Counts, getCounts } from '../pledges/counters.queries.ts';
import { countByLevel } from './verified.queries.ts';

// The headline counters, memoised per isolate for READ_CACHE_MS: the counts API and the
// pledge page are the hottest reads. A change of counts in this isolate forgets them
// at once (afterCountsChanged); other isolates catch up within the TTL.
const countsByPledge = new Memo<number, Counts>();

export function cachedCounts(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<Counts> {
  return countsByPledge.get(pledgeId, readCacheMs(env), () => getCounts(db(env.DB), pledgeId));
}

// Confirmed signatures verified by institution or ORCID (issue 16): an aggregate over
// the index signatures_pledge_verification (only the verified rows), not a counter, so
// the counter triggers stay as they are. Kept ten times as long as the headline
// counters: it changes by confirmations too, and it is read by every counts request.
export type Verified = { institution: number; orcid: number };
const verifiedByPledge = new Memo<number, Verified>();

export function cachedVerified(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<Verified> {
  return verifiedByPledge.get(pledgeId, readCacheMs(env) * 10, async () => {
    const { institution, orcid } = await countByLevel(db(env.DB), pledgeId, true);
    return { institution, orcid };
  });
}

export function forgetCounts(pledgeId?: number): void {
  countsByPledge.forget(pledgeId);
  verifiedByPledge.forget(pledgeId);
}
