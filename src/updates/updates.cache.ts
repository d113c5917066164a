import { db } from '../platform/db/client.ts';
import { Memo, readCacheMs } from '../platform/memo.ts';
import { listUpdates } from './updates.queries.ts';
import { PAGE_UPDATES, type PledgeUpdate } from './updates.ts';

// The updates shown on the pledge page, memoised per isolate like its other parts;
// publishing one in this isolate forgets them.
const updatesByPledge = new Memo<number, PledgeUpdate[]>();

export function cachedUpdates(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<PledgeUpdate[]> {
  return updatesByPledge.get(pledgeId, readCacheMs(env), () => listUpdates(db(env.DB), pledgeId, PAGE_UPDATES));
}

export function forgetUpdates(pledgeId: number): void {
  updatesByPledge.forget(pledgeId);
}
