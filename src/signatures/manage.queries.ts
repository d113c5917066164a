import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { signatures } from '../platform/db/schema.ts';
import { SIGNATURE } from '../platform/db/states.ts';

// What the signer's own page reads and changes (issue 15), by signature id, once a
// manage link has been checked (manage.actions.ts). drizzle's query builder.

export type HeldRecord = typeof signatures.$inferSelect;

export async function signatureRecord(db: Db, id: number): Promise<HeldRecord | null> {
  const [row] = await db.select().from(signatures).where(eq(signatures.id, id)).limit(1);
  return row ?? null;
}

// Changes by the signer apply to a signature whose email was confirmed (confirmed, or
// held and confirmed): a pending one is confirmed with the details of its link.
const confirmedOnly = (id: number) => and(eq(signatures.id, id), inArray(signatures.state, [SIGNATURE.confirmed, SIGNATURE.held]), isNotNull(signatures.confirmedAt));

export type SignerChange = { public?: boolean; updates?: boolean; name?: string; affiliation?: string };

// The public wall reads these columns live, and the search key follows name and
// affiliation by trigger (migration 0012c); no counter or log entry depends on them.
export async function changeSignature(db: Db, id: number, change: SignerChange, now: number): Promise<boolean> {
  const rows = await db
    .update(signatures)
    .set({ ...change, updatedAt: now })
    .where(confirmedOnly(id))
    .returning({ id: signatures.id });
  return rows.length > 0;
}

// Unsubscribing applies to any state (a pending signer may opt out before confirming).
export async function stopUpdates(db: Db, id: number, now: number): Promise<number | null> {
  const [row] = await db.update(signatures).set({ updates: false, updatedAt: now }).where(eq(signatures.id, id)).returning({ pledgeId: signatures.pledgeId });
  return row?.pledgeId ?? null;
}
