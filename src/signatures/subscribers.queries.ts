import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { signatures } from '../platform/db/schema.ts';
import { SIGNATURE } from '../platform/db/states.ts';

// The opted-in confirmed signers of a pledge after a signature id, in id order (index
// signatures_updates): one batch of an update's mailing.
export async function subscribersAfter(db: Db, pledgeId: number, afterId: number, limit: number) {
  return db
    .select({ id: signatures.id, email: signatures.email, emailKey: signatures.emailKey, lang: signatures.lang })
    .from(signatures)
    .where(and(eq(signatures.pledgeId, pledgeId), eq(signatures.updates, true), eq(signatures.state, SIGNATURE.confirmed), gt(signatures.id, afterId)))
    .orderBy(asc(signatures.id))
    .limit(limit);
}

// Moves an update's mailing on by one batch, if no one else did (compare-and-set on the
// cursor), as the first statement of a batch: the statements after it test changes().
export function advanceCursorStatement(d1: D1Database, updateId: number, from: number, to: number, recipients: number): D1PreparedStatement {
  return d1
    .prepare('UPDATE pledge_updates SET mail_cursor = ?3, recipients = recipients + ?4 WHERE id = ?1 AND mail_cursor = ?2 RETURNING id')
    .bind(updateId, from, to, recipients);
}

export async function rewindCursor(d1: D1Database, updateId: number, from: number, to: number): Promise<void> {
  await d1.prepare('UPDATE pledge_updates SET mail_cursor = ?2 WHERE id = ?1 AND mail_cursor = ?3').bind(updateId, from, to).run();
}

// The update mail in the recipient's ledger: uncapped (the signer asked for it), after
// the statement before it changed a row.
export function recordUpdateMailStatement(d1: D1Database, key: string, pledgeId: number, now: number): D1PreparedStatement {
  return d1
    .prepare(`INSERT INTO mail_ledger (recipient_key, pledge_id, kind, capped, created_at) SELECT ?1, ?2, 'pledge.update', 0, ?3 WHERE changes() > 0`)
    .bind(key, pledgeId, now);
}
