import { db } from '../platform/db/client.ts';
import { Memo, readCacheMs } from '../platform/memo.ts';
import { type EndorsingSociety, getCurrentTexts, getPledgeBySlug, listEndorsingSocieties } from './pledges.queries.ts';
import type { Pledge, PledgeText } from './pledges.ts';

// The pledge and its current texts, memoised per isolate on the hot public paths
// (page, counts API, signing). Organiser edits call forgetPledges().
const pledgesBySlug = new Memo<string, Pledge | undefined>();
const textsByPledge = new Memo<number, PledgeText[]>();
const societiesByPledge = new Memo<number, EndorsingSociety[]>();

export function cachedPledge(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, slug: string): Promise<Pledge | undefined> {
  return pledgesBySlug.get(
    slug,
    readCacheMs(env),
    () => getPledgeBySlug(db(env.DB), slug),
    (p) => p !== undefined,
  );
}

export function cachedTexts(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<PledgeText[]> {
  return textsByPledge.get(pledgeId, readCacheMs(env), () => getCurrentTexts(db(env.DB), pledgeId));
}

// The verified societies shown on the pledge page; a verification or rejection in this
// isolate forgets them (afterCountsChanged).
export function cachedSocieties(env: Pick<Env, 'DB'> & { READ_CACHE_MS?: string }, pledgeId: number): Promise<EndorsingSociety[]> {
  return societiesByPledge.get(pledgeId, readCacheMs(env), () => listEndorsingSocieties(db(env.DB), pledgeId));
}

export function forgetSocieties(pledgeId: number): void {
  societiesByPledge.forget(pledgeId);
}

export function forgetPledges(): void {
  pledgesBySlug.forget();
  textsByPledge.forget();
  societiesByPledge.forget();
}
