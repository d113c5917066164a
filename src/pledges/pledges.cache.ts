import { Memo, readCacheMs } from '../platform/memo.ts';
import { db } from '../platform/db/client.ts';
import type { Pledge, PledgeText } from './pledges.ts';
import { getCurrentTexts, getPledgeBySlug } from './pledges.queries.ts';

// The pledge and its current texts, memoised per isolate on the hot public paths
// (page, counts API, signing). Organiser edits call forgetPledges().
const pledgesBySlug = new Memo<string, Pledge | undefined>();
const textsByPledge = new Memo<number, PledgeText[]>();

export function cachedPledge(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, slug: string): Promise<Pledge | undefined> {
  return pledgesBySlug.get(slug, readCacheMs(env), () => getPledgeBySlug(db(env.DB), slug), (p) => p !== undefined);
}

export function cachedTexts(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<PledgeText[]> {
  return textsByPledge.get(pledgeId, readCacheMs(env), () => getCurrentTexts(db(env.DB), pledgeId));
}

export function forgetPledges(): void {
  pledgesBySlug.forget();
  textsByPledge.forget();
}
