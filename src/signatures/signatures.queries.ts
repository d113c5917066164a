import type { Field } from './signatures.ts';

// Storage for signatures: plain D1 statements (they lean on ON CONFLICT and RETURNING,
// and sit on the hot path). Functions take the binding first.

export type NewSignature = {
  pledgeId: number;
  lang: string;
  textVersion: string;
  name: string;
  email: string;
  emailKey: string;
  emailDomain: string;
  affiliation: string;
  title: string | null;
  orcid: string | null;
  field: Field;
  region: string;
  public: boolean;
  confirmTokenHash: string;
  withdrawTokenHash: string;
  tokenExpiresAt: number;
  ipHash: string | null;
  now: number;
  // Sustained limits: over either, the signature is stored as held.
  limits: { since: number; perIp: number; perDomain: number; domainExempt: boolean };
};

// Inserts unless this person already signed this pledge, in one statement that also
// decides from recent activity (same IP hash, same email domain, last hour) whether the
// signature is held. Returns the new row's id and state, or null for a duplicate.
// A duplicate rewrites its own email_key (same value; no trigger watches it), so that it
// too commits a write: a no-op conflict answered measurably faster than a new row.
export async function insertSignature(d1: D1Database, s: NewSignature): Promise<{ id: number; state: 'pending' | 'held' } | null> {
  const row = await d1
    .prepare(
      `INSERT INTO signatures (pledge_id, lang, text_version, state, name, email, email_key, email_domain, affiliation, title, orcid, field, region, public,
         confirm_token_hash, withdraw_token_hash, token_expires_at, mails_sent, ip_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3,
         CASE WHEN (?18 IS NOT NULL AND (SELECT count(*) FROM signatures WHERE ip_hash = ?18 AND created_at > ?20) >= ?21)
                OR (?23 = 0 AND (SELECT count(*) FROM signatures WHERE email_domain = ?8 AND created_at > ?20) >= ?22)
              THEN 'held' ELSE 'pending' END,
         ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?19, ?19
       WHERE true
       ON CONFLICT (pledge_id, email_key) DO UPDATE SET email_key = excluded.email_key
       RETURNING id, state, confirm_token_hash = ?15 AS created`,
    )
    .bind(
      s.pledgeId, s.lang, s.textVersion, null, s.name, s.email, s.emailKey, s.emailDomain, s.affiliation, s.title, s.orcid, s.field, s.region,
      s.public ? 1 : 0, s.confirmTokenHash, s.withdrawTokenHash, s.tokenExpiresAt, s.ipHash, s.now,
      s.limits.since, s.limits.perIp, s.limits.perDomain, s.limits.domainExempt ? 1 : 0,
    )
    .first<{ id: number; state: 'pending' | 'held'; created: number }>();
  return row?.created ? { id: row.id, state: row.state } : null;
}

export type ExistingSignature = { id: number; state: string; email: string; confirmedAt: number | null; mailsSent: number };

export async function findByEmailKey(d1: D1Database, pledgeId: number, emailKey: string): Promise<ExistingSignature | null> {
  return d1
    .prepare(`SELECT id, state, email, confirmed_at AS confirmedAt, mails_sent AS mailsSent FROM signatures WHERE pledge_id = ?1 AND email_key = ?2`)
    .bind(pledgeId, emailKey)
    .first<ExistingSignature>();
}

// A fresh confirmation link for a still-unconfirmed signature, within the mail budget.
export async function rotateConfirmTokens(d1: D1Database, id: number, confirmHash: string, withdrawHash: string, expiresAt: number, maxMails: number, now: number) {
  const row = await d1
    .prepare(
      `UPDATE signatures SET confirm_token_hash = ?2, withdraw_token_hash = ?3, token_expires_at = ?4, mails_sent = mails_sent + 1, updated_at = ?6
       WHERE id = ?1 AND mails_sent < ?5 AND confirmed_at IS NULL AND state IN ('pending', 'held') RETURNING id`,
    )
    .bind(id, confirmHash, withdrawHash, expiresAt, maxMails, now)
    .first<{ id: number }>();
  return row !== null;
}

// A fresh withdraw link for a confirmed signer who signed again, within the mail budget.
export async function rotateWithdrawToken(d1: D1Database, id: number, withdrawHash: string, maxMails: number, now: number) {
  const row = await d1
    .prepare(`UPDATE signatures SET withdraw_token_hash = ?2, mails_sent = mails_sent + 1, updated_at = ?4 WHERE id = ?1 AND mails_sent < ?3 RETURNING id`)
    .bind(id, withdrawHash, maxMails, now)
    .first<{ id: number }>();
  return row !== null;
}

export type TokenRow = {
  id: number;
  pledgeId: number;
  state: string;
  confirmTokenHash: string | null;
  withdrawTokenHash: string | null;
  tokenExpiresAt: number | null;
  confirmedAt: number | null;
  lang: string;
};

const TOKEN_ROW = `id, pledge_id AS pledgeId, state, confirm_token_hash AS confirmTokenHash, withdraw_token_hash AS withdrawTokenHash,
  token_expires_at AS tokenExpiresAt, confirmed_at AS confirmedAt, lang`;

export async function findByConfirmHash(d1: D1Database, hash: string) {
  return d1.prepare(`SELECT ${TOKEN_ROW} FROM signatures WHERE confirm_token_hash = ?1`).bind(hash).first<TokenRow>();
}

export async function findByWithdrawHash(d1: D1Database, hash: string) {
  return d1.prepare(`SELECT ${TOKEN_ROW} FROM signatures WHERE withdraw_token_hash = ?1`).bind(hash).first<TokenRow>();
}

// The common case in one statement: a pending, unexpired signature with this confirm
// token becomes confirmed. Returns null when nothing changed (then the caller looks up why).
export async function confirmByTokenHash(d1: D1Database, hash: string, now: number) {
  return d1
    .prepare(
      `UPDATE signatures SET state = 'confirmed', confirmed_at = ?2, updated_at = ?2
       WHERE confirm_token_hash = ?1 AND state = 'pending' AND (token_expires_at IS NULL OR token_expires_at >= ?2)
       RETURNING ${TOKEN_ROW}`,
    )
    .bind(hash, now)
    .first<TokenRow>();
}

// pending -> confirmed. The guard on state makes concurrent and repeated confirmations
// count once; the counter triggers run inside this same statement.
export async function markConfirmed(d1: D1Database, id: number, now: number): Promise<boolean> {
  const row = await d1
    .prepare(`UPDATE signatures SET state = 'confirmed', confirmed_at = ?2, updated_at = ?2 WHERE id = ?1 AND state = 'pending' RETURNING id`)
    .bind(id, now)
    .first();
  return row !== null;
}

// A held signature records that its email was confirmed but stays held (uncounted).
export async function markHeldConfirmed(d1: D1Database, id: number, now: number): Promise<boolean> {
  const row = await d1
    .prepare(`UPDATE signatures SET confirmed_at = ?2, updated_at = ?2 WHERE id = ?1 AND state = 'held' AND confirmed_at IS NULL RETURNING id`)
    .bind(id, now)
    .first();
  return row !== null;
}

// Withdrawal: the state changes (counters follow by trigger) and personal data is
// erased. Kept: pledge, text version, language, field, region, society and times,
// which the counts, the breakdowns and an audit need.
export async function markWithdrawn(d1: D1Database, id: number, now: number): Promise<number | null> {
  const row = await d1
    .prepare(
      `UPDATE signatures SET state = 'withdrawn', withdrawn_at = ?2, updated_at = ?2,
         name = NULL, email = NULL, email_key = NULL, email_domain = NULL, affiliation = NULL, title = NULL, orcid = NULL,
         public = 0, ip_hash = NULL, confirm_token_hash = NULL, withdraw_token_hash = NULL, token_expires_at = NULL
       WHERE id = ?1 AND state IN ('pending', 'confirmed', 'held') RETURNING pledge_id AS pledgeId`,
    )
    .bind(id, now)
    .first<{ pledgeId: number }>();
  return row?.pledgeId ?? null;
}
