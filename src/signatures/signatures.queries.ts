import { sqlList, sqlText } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { type Field, WITHDRAWABLE_STATES } from './signatures.ts';

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
  pledgeSlug: string | null;
  // Whether the companion withdraw token (hash given) is a live link of the same signature.
  withdrawValid: number;
};

const findTokenStatement = (d1: D1Database, hash: string, kind: 'confirm' | 'withdraw', withdrawHash: string | null) =>
  d1
    .prepare(
      `SELECT s.id, s.pledge_id AS pledgeId, s.state, t.token_hash AS tokenHash, t.details, t.expires_at AS expiresAt, s.confirmed_at AS confirmedAt, s.lang,
         (SELECT slug FROM pledges WHERE id = s.pledge_id) AS pledgeSlug,
         EXISTS (SELECT 1 FROM signature_tokens w WHERE w.token_hash = ?3 AND w.signature_id = s.id AND w.kind = 'withdraw') AS withdrawValid
       FROM signature_tokens t JOIN signatures s ON s.id = t.signature_id WHERE t.token_hash = ?1 AND t.kind = ?2`,
    )
    .bind(hash, kind, withdrawHash);

export async function findToken(d1: D1Database, hash: string, kind: 'confirm' | 'withdraw', withdrawHash: string | null = null) {
  return findTokenStatement(d1, hash, kind, withdrawHash).first<TokenRow>();
}

// The confirm link's token as a table (at most one row): its signature, its details
// (null when absent or not JSON: then the row's own details stand) and its expiry.
const CONFIRM_LINK = `(SELECT signature_id AS sid, CASE WHEN json_valid(details) THEN details END AS d, expires_at AS exp
  FROM signature_tokens WHERE token_hash = ?1 AND kind = 'confirm') AS link`;

// The details a confirm link was mailed for, written over the row's (issue 13: a link
// confirms exactly those); a link without details keeps the row's.
const DETAIL_COLUMNS = ['name', 'affiliation', 'title', 'orcid', 'field', 'region', 'lang'] as const;
const SET_LINK_DETAILS = [
  ...DETAIL_COLUMNS.map((col) => `${col} = CASE WHEN link.d IS NULL THEN signatures.${col} ELSE json_extract(link.d, '$.${col}') END`),
  `public = CASE WHEN link.d IS NULL THEN signatures.public WHEN json_extract(link.d, '$.public') THEN 1 ELSE 0 END`,
  `text_version = CASE WHEN link.d IS NULL THEN signatures.text_version ELSE json_extract(link.d, '$.textVersion') END`,
].join(', ');
const LINK_LIVE = `signatures.id = link.sid AND (link.exp IS NULL OR ?2 <= link.exp)`;

export type ConfirmOutcome = { confirmed: boolean; heldConfirmed: boolean; row: TokenRow | null };

// Confirmation in one D1 batch (one round trip, one transaction), by the link's hash:
// - pending -> confirmed with the link's details, if the link has not expired (the guard
//   on state makes concurrent and repeated confirmations count once; the counter
//   triggers run inside this statement);
// - a held signature records that its email was confirmed but stays held (uncounted);
// - once confirmed, the signature's other confirm links keep answering "already
//   confirmed" but no longer hold anyone's details;
// - then the link and its signature as they now are (what the caller answers from).
export async function confirmByToken(d1: D1Database, hash: string, withdrawHash: string, now: number): Promise<ConfirmOutcome> {
  const [confirmed, held, , found] = await d1.batch([
    d1
      .prepare(
        `UPDATE signatures SET state = ${sqlText(SIGNATURE.confirmed)}, confirmed_at = ?2, updated_at = ?2, ${SET_LINK_DETAILS}
         FROM ${CONFIRM_LINK} WHERE ${LINK_LIVE} AND signatures.state = ${sqlText(SIGNATURE.pending)} RETURNING signatures.id`,
      )
      .bind(hash, now),
    d1
      .prepare(
        `UPDATE signatures SET confirmed_at = ?2, updated_at = ?2, ${SET_LINK_DETAILS}
         FROM ${CONFIRM_LINK} WHERE ${LINK_LIVE} AND signatures.state = ${sqlText(SIGNATURE.held)} AND signatures.confirmed_at IS NULL RETURNING signatures.id`,
      )
      .bind(hash, now),
    d1
      .prepare(
        `UPDATE signature_tokens SET details = NULL
         WHERE signature_id = (SELECT signature_id FROM signature_tokens WHERE token_hash = ?1 AND kind = 'confirm')
           AND kind = 'confirm' AND details IS NOT NULL AND EXISTS (SELECT 1 FROM signatures WHERE id = signature_tokens.signature_id AND confirmed_at IS NOT NULL)`,
      )
      .bind(hash),
    findTokenStatement(d1, hash, 'confirm', withdrawHash),
  ]);
  return {
    confirmed: (confirmed?.results.length ?? 0) > 0,
    heldConfirmed: (held?.results.length ?? 0) > 0,
    row: (found?.results[0] as TokenRow | undefined) ?? null,
  };
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
