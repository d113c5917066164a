// The retention job's reads and writes (rules in retention.ts): drizzle for pledge rows,
// set-based SQL for the batches of signatures.
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { COUNTED_SIGNATURE_STATES } from '../counts/counters.ts';
import { db } from '../platform/db/client.ts';
import { pledges } from '../platform/db/schema.ts';
import { sqlList } from '../platform/db/sql.ts';

// Pledges whose retention period has ended and whose erasure has not finished.
export async function pledgesDueForErasure(d1: D1Database, now: number): Promise<Array<{ id: number }>> {
  return db(d1)
    .select({ id: pledges.id })
    .from(pledges)
    .where(and(isNotNull(pledges.closesAt), isNull(pledges.personalDataErasedAt), sql`${pledges.closesAt} + ${pledges.retentionDays} * 86400000 <= ${now}`))
    .orderBy(asc(pledges.id))
    .all();
}

// The next `limit` signatures of a pledge not erased yet (by id: both statements of the
// batch, one transaction, pick the same rows).
const NEXT = `SELECT id FROM signatures WHERE pledge_id = ?1 AND erased_at IS NULL ORDER BY id LIMIT ?2`;
// On the public list: counted, consented and not hidden (as src/signatories/ lists them).
const LISTED = `state IN (${sqlList(COUNTED_SIGNATURE_STATES)}) AND public = 1 AND hidden = 0`;

// Erases one batch; returns how many rows it erased (0: the pledge is done). Idempotent:
// an erased row is never picked again. State, field, region, society and times stay, so
// no counter or log trigger fires (they follow state only).
export async function eraseSignatureBatch(d1: D1Database, pledgeId: number, now: number, limit: number): Promise<number> {
  const [, erased] = await d1.batch([
    d1.prepare(`DELETE FROM signature_tokens WHERE signature_id IN (${NEXT})`).bind(pledgeId, limit),
    d1
      .prepare(
        `UPDATE signatures SET email = NULL, email_key = NULL, email_domain = NULL, ip_hash = NULL,
           confirm_token_hash = NULL, withdraw_token_hash = NULL, token_expires_at = NULL, updates = 0,
           name = CASE WHEN ${LISTED} THEN name END, affiliation = CASE WHEN ${LISTED} THEN affiliation END,
           title = CASE WHEN ${LISTED} THEN title END, orcid = CASE WHEN ${LISTED} THEN orcid END,
           erased_at = ?3
         WHERE id IN (${NEXT}) RETURNING id`,
      )
      .bind(pledgeId, limit, now),
  ]);
  // Rows, not meta.changes (which counts the search-key trigger's writes too).
  return erased?.results.length ?? 0;
}

export async function markPledgeErased(d1: D1Database, pledgeId: number, now: number): Promise<void> {
  await db(d1).update(pledges).set({ personalDataErasedAt: now }).where(eq(pledges.id, pledgeId)).run();
}
