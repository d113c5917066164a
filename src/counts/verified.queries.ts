import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { signatures } from '../platform/db/schema.ts';
import { LEVEL, SIGNATURE, VERIFICATION_LEVELS, type VerificationLevel } from '../platform/db/states.ts';

export type LevelCounts = Record<VerificationLevel, number>;

// Confirmed signatures of a pledge by verification level (issue 16): a range of the
// index signatures_pledge_verification per level, never a table scan. With
// `verifiedOnly`, only the two verified levels are read (email stays 0): the counts
// API's cheap case. Not a counter: levels change without a state change (organisers'
// domain rules), which the counter triggers do not follow.
export async function countByLevel(db: Db, pledgeId: number, verifiedOnly = false): Promise<LevelCounts> {
  const levels = verifiedOnly ? [LEVEL.institution, LEVEL.orcid] : [...VERIFICATION_LEVELS];
  const rows = await db
    .select({ level: signatures.verification, n: sql<number>`count(*)` })
    .from(signatures)
    .where(and(eq(signatures.pledgeId, pledgeId), eq(signatures.state, SIGNATURE.confirmed), inArray(signatures.verification, levels)))
    .groupBy(signatures.verification);
  const counts: LevelCounts = { email: 0, institution: 0, orcid: 0 };
  for (const r of rows) if (r.level in counts) counts[r.level as VerificationLevel] = Number(r.n);
  return counts;
}
