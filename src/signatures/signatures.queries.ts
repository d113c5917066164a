import { sqlList, sqlText } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { type Field, WITHDRAWABLE_STATES } from './signatures.ts';
import { LEVEL, type Level } from './verification.ts';

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
  // Links live in signature_tokens (issue 13); these legacy columns stay null.
  confirmTokenHash: string | null;
  withdrawTokenHash: string | null;
  tokenExpiresAt: number | null;
  ipHash: string | null;
  now: number;
  // Sustained limits: over either, the signature is stored as held.
  limits: { since: number; perIp: number; perDomain: number; domainExempt: boolean };
};

// Inserts unless this person already signed this pledge, in one statement that also
// decides from recent activity (same IP hash, same email domain, last hour) whether the
// signature is held. Returns the new row's id and state, or null for a duplicate.
export async function insertSignature(d1: D1Database, s: NewSignature): Promise<{ id: number; state: 'pending' | 'held' } | null> {
  return d1
    .prepare(
      `INSERT INTO signatures (pledge_id, lang, text_version, state, name, email, email_key, email_domain, affiliation, title, orcid, field, region, public,
         confirm_token_hash, withdraw_token_hash, token_expires_at, mails_sent, ip_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3,
         CASE WHEN (?18 IS NOT NULL AND (SELECT count(*) FROM signatures WHERE ip_hash = ?18 AND created_at > ?20) >= ?21)
                OR (?23 = 0 AND (SELECT count(*) FROM signatures WHERE email_domain = ?8 AND created_at > ?20) >= ?22)
              THEN ${sqlText(SIGNATURE.held)} ELSE ${sqlText(SIGNATURE.pending)} END,
         ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?19, ?19
       WHERE true
       ON CONFLICT (pledge_id, email_key) DO NOTHING RETURNING id, state`,
    )
    .bind(
      s.pledgeId,
      s.lang,
      s.textVersion,
      null,
      s.name,
      s.email,
      s.emailKey,
      s.emailDomain,
      s.affiliation,
      s.title,
      s.orcid,
      s.field,
      s.region,
      s.public ? 1 : 0,
      s.confirmTokenHash,
      s.withdrawTokenHash,
      s.tokenExpiresAt,
      s.ipHash,
      s.now,
      s.limits.since,
      s.limits.perIp,
      s.limits.perDomain,
      s.limits.domainExempt ? 1 : 0,
    )
    .first<{ id: number; state: 'pending' | 'held' }>();
}

export type ExistingSignature = { id: number; state: string; email: string; confirmedAt: number | null; mailsSent: number };

export async function findByEmailKey(d1: D1Database, pledgeId: number, emailKey: string): Promise<ExistingSignature | null> {
  return d1
    .prepare(`SELECT id, state, email, confirmed_at AS confirmedAt, mails_sent AS mailsSent FROM signatures WHERE pledge_id = ?1 AND email_key = ?2`)
    .bind(pledgeId, emailKey)
    .first<ExistingSignature>();
}

// One more mail for this signature, within its own budget (the mail ledger caps per
// recipient on top). Changes nothing else about the signature.
export async function countMail(d1: D1Database, id: number, maxMails: number): Promise<boolean> {
  const row = await d1.prepare(`UPDATE signatures SET mails_sent = mails_sent + 1 WHERE id = ?1 AND mails_sent < ?2 RETURNING id`).bind(id, maxMails).first<{ id: number }>();
  return row !== null;
}

// What a confirm link confirms: the details submitted with it (issue 13: a link
// confirms exactly the details it was mailed for).
export type SignatureDetails = {
  name: string;
  affiliation: string;
  title: string | null;
  orcid: string | null;
  field: Field;
  region: string;
  public: boolean;
  lang: string;
  textVersion: string;
  // Issue 16: the iD above was proven by ORCID sign-in (absent in links mailed before).
  orcidProven?: boolean;
};

export type NewToken = { hash: string; kind: 'confirm' | 'withdraw'; details: SignatureDetails | null; expiresAt: number | null };

// Adds links to a signature; never revokes one (withdrawal and deletion erase them by
// trigger). As statements to follow a mail-ledger reservation in one batch: each
// inserts only if the statement before it changed a row (SQLite changes()), so no link
// is stored when the cap refused the mail.
export function addTokenStatements(d1: D1Database, signatureId: number, tokens: NewToken[], now: number): D1PreparedStatement[] {
  return tokens.map((t) =>
    d1
      .prepare(`INSERT INTO signature_tokens (token_hash, signature_id, kind, details, expires_at, created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() > 0`)
      .bind(t.hash, signatureId, t.kind, t.details ? JSON.stringify(t.details) : null, t.expiresAt, now),
  );
}

export type TokenRow = {
  id: number;
  pledgeId: number;
  state: string;
  tokenHash: string;
  details: string | null;
  expiresAt: number | null;
  confirmedAt: number | null;
  lang: string;
  emailDomain: string | null;
  // Whether the companion withdraw token (hash given) is a live link of the same signature.
  withdrawValid: number;
};

export async function findToken(d1: D1Database, hash: string, kind: 'confirm' | 'withdraw', withdrawHash: string | null = null) {
  return d1
    .prepare(
      `SELECT s.id, s.pledge_id AS pledgeId, s.state, t.token_hash AS tokenHash, t.details, t.expires_at AS expiresAt, s.confirmed_at AS confirmedAt, s.lang, s.email_domain AS emailDomain,
         EXISTS (SELECT 1 FROM signature_tokens w WHERE w.token_hash = ?3 AND w.signature_id = s.id AND w.kind = 'withdraw') AS withdrawValid
       FROM signature_tokens t JOIN signatures s ON s.id = t.signature_id WHERE t.token_hash = ?1 AND t.kind = ?2`,
    )
    .bind(hash, kind, withdrawHash)
    .first<TokenRow>();
}

const SET_DETAILS = `name = ?3, affiliation = ?4, title = ?5, orcid = ?6, field = ?7, region = ?8, public = ?9, lang = ?10, text_version = ?11`;

function bindDetails(stmt: D1PreparedStatement, id: number, now: number, d: SignatureDetails, lv: ConfirmLevel) {
  return stmt.bind(id, now, d.name, d.affiliation, d.title, d.orcid, d.field, d.region, d.public ? 1 : 0, d.lang, d.textVersion, lv.level, lv.fallback, LEVEL.orcid);
}

// Once confirmed, the other confirm links of the signature keep answering "already
// confirmed" but no longer hold anyone's details.
const forgetOtherDetails = (d1: D1Database, id: number) =>
  d1
    .prepare(
      `UPDATE signature_tokens SET details = NULL WHERE signature_id = ?1 AND kind = 'confirm' AND details IS NOT NULL AND EXISTS (SELECT 1 FROM signatures WHERE id = ?1 AND confirmed_at IS NOT NULL)`,
    )
    .bind(id);

// The level a confirmation sets (issue 16): `level` as derived by the Worker, unless it
// is orcid and another counted signature of the pledge proved the same iD meanwhile;
// then `fallback` (the mailbox's level), and the iD stays as claimed.
export type ConfirmLevel = { level: Level; fallback: Level };

const SET_LEVEL = `verification = CASE WHEN ?12 = ?14 AND NOT EXISTS (SELECT 1 FROM signatures o WHERE o.pledge_id = signatures.pledge_id AND o.id != signatures.id
  AND o.orcid = ?6 AND o.verification = ?14 AND o.state IN (${sqlList([SIGNATURE.confirmed, SIGNATURE.held])})) THEN ?14 ELSE ?13 END`;

// Binds ?1-?11 (SET_DETAILS), then the level: ?12 wanted, ?13 fallback, ?14 'orcid'.
function confirmStatement(d1: D1Database, sqlBase: string, where: string, id: number, now: number, details: SignatureDetails | null, lv: ConfirmLevel) {
  if (!details) return d1.prepare(`${sqlBase}, verification = ?3 ${where}`).bind(id, now, lv.fallback);
  return bindDetails(d1.prepare(`${sqlBase}, ${SET_DETAILS}, ${SET_LEVEL} ${where}`), id, now, details, lv);
}

// pending -> confirmed, with the details the link was sent for (null: the row's own,
// for links mailed before issue 13) and the level they earn. The guard on state makes
// concurrent and repeated confirmations count once; the counter triggers run inside
// this same statement.
export async function markConfirmed(d1: D1Database, id: number, details: SignatureDetails | null, now: number, lv: ConfirmLevel): Promise<boolean> {
  const base = `UPDATE signatures SET state = ${sqlText(SIGNATURE.confirmed)}, confirmed_at = ?2, updated_at = ?2`;
  const stmt = confirmStatement(d1, base, `WHERE id = ?1 AND state = ${sqlText(SIGNATURE.pending)} RETURNING id`, id, now, details, lv);
  const [updated] = await d1.batch([stmt, forgetOtherDetails(d1, id)]);
  return (updated?.results.length ?? 0) > 0;
}

// A held signature records that its email was confirmed but stays held (uncounted).
// (Held signatures are mailed only once released; this serves links mailed before.)
export async function markHeldConfirmed(d1: D1Database, id: number, details: SignatureDetails | null, now: number, lv: ConfirmLevel): Promise<boolean> {
  const base = `UPDATE signatures SET confirmed_at = ?2, updated_at = ?2`;
  const stmt = confirmStatement(d1, base, `WHERE id = ?1 AND state = ${sqlText(SIGNATURE.held)} AND confirmed_at IS NULL RETURNING id`, id, now, details, lv);
  const [updated] = await d1.batch([stmt, forgetOtherDetails(d1, id)]);
  return (updated?.results.length ?? 0) > 0;
}

// What mailing a signature's confirmation needs (the organiser's release path).
export type MailableSignature = SignatureDetails & { id: number; pledgeId: number; state: string; email: string | null; emailKey: string | null };

export async function signatureForMail(d1: D1Database, id: number): Promise<MailableSignature | null> {
  const row = await d1
    .prepare(
      `SELECT id, pledge_id AS pledgeId, state, email, email_key AS emailKey, name, affiliation, title, orcid, field, region, public, lang, text_version AS textVersion
       FROM signatures WHERE id = ?1`,
    )
    .bind(id)
    .first<Omit<MailableSignature, 'public'> & { public: number }>();
  return row ? { ...row, public: row.public === 1 } : null;
}

// Withdrawal: the state changes (counters follow by trigger) and personal data is
// erased. Kept: pledge, text version, language, field, region, society and times,
// which the counts, the breakdowns and an audit need.
export async function markWithdrawn(d1: D1Database, id: number, now: number): Promise<number | null> {
  const row = await d1
    .prepare(
      `UPDATE signatures SET state = ${sqlText(SIGNATURE.withdrawn)}, withdrawn_at = ?2, updated_at = ?2,
         name = NULL, email = NULL, email_key = NULL, email_domain = NULL, affiliation = NULL, title = NULL, orcid = NULL,
         public = 0, ip_hash = NULL, confirm_token_hash = NULL, withdraw_token_hash = NULL, token_expires_at = NULL
       WHERE id = ?1 AND state IN (${sqlList(WITHDRAWABLE_STATES)}) RETURNING pledge_id AS pledgeId`,
    )
    .bind(id, now)
    .first<{ pledgeId: number }>();
  return row?.pledgeId ?? null;
}
