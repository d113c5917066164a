import { db } from '../platform/db/client.ts';
import { getCurrentTexts, getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { textHistory } from './pledge-editor.ts';

// A pledge as organisers see it, drafts included: settings, current texts, and every
// text version with how many signatures point at it.
export async function pledgeDetail(d1: D1Database, slug: string) {
  const d = db(d1);
  const pledge = await getPledgeBySlug(d, slug);
  if (!pledge) return null;
  const [texts, versions] = await Promise.all([getCurrentTexts(d, pledge.id), textHistory(d1, pledge.id)]);
  return { ...pledge, texts, versions };
}
