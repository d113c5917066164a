import { and, eq } from 'drizzle-orm';
import { hmacHex } from '../crypto/tokens.ts';
import { db } from '../db/client.ts';
import { mailLedger } from '../db/schema.ts';

// One ledger of mails per recipient and pledge, consulted and written by every flow that
// mails (signature confirmations and reminders, endorsement confirmations, organiser
// notices). The recipient is a keyed hash of the normalised address, never the address.
// Functions take (d1, key, pledgeId) so a queue consumer can call them as well.

// Mails someone other than the recipient can make us send, per recipient and pledge.
export const MAX_TRIGGERED_MAILS = 5;

// HMAC-SHA-256 (hex) of the normalised address (src/signatures/email.ts key).
export async function recipientKey(secret: string, normalisedAddress: string): Promise<string> {
  return hmacHex(secret, `mail-ledger\n${normalisedAddress}`);
}

// Records a mail someone else triggered, if the recipient's budget for this pledge allows
// it, in one statement (concurrent reservations cannot overshoot). false: send nothing.
export async function reserveMail(d1: D1Database, key: string, pledgeId: number, kind: string, now: number, cap = MAX_TRIGGERED_MAILS): Promise<boolean> {
  const row = await reserveMailStatement(d1, key, pledgeId, kind, now, cap).first<{ id: number }>();
  return row !== null;
}

// The same reservation as a raw statement, to run first in a caller's raw batch: it
// returns a row when reserved, and the statements after it can test `changes() > 0`.
export function reserveMailStatement(d1: D1Database, key: string, pledgeId: number, kind: string, now: number, cap = MAX_TRIGGERED_MAILS): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO mail_ledger (recipient_key, pledge_id, kind, capped, created_at)
       SELECT ?1, ?2, ?3, 1, ?4 WHERE (SELECT count(*) FROM mail_ledger WHERE recipient_key = ?1 AND pledge_id = ?2 AND capped = 1) < ?5
       RETURNING id`,
    )
    .bind(key, pledgeId, kind, now, cap);
}

// Records a mail an organiser's action sends (a notice): always sent, never capped.
export async function recordMail(d1: D1Database, key: string, pledgeId: number, kind: string, now: number): Promise<void> {
  await db(d1).insert(mailLedger).values({ recipientKey: key, pledgeId, kind, capped: false, createdAt: now }).run();
}

// How many mails of any kind went to this recipient for this pledge.
export async function mailsRecorded(d1: D1Database, key: string, pledgeId: number): Promise<number> {
  return db(d1).$count(mailLedger, and(eq(mailLedger.recipientKey, key), eq(mailLedger.pledgeId, pledgeId)));
}
