import { and, eq, exists, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '../platform/db/client.ts';
import { signatures, signatureTokens } from '../platform/db/schema.ts';
import { sqlList } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { type Field, WITHDRAWABLE_STATES } from './signatures.ts';
import { LEVEL, type Level } from './verification.ts';

// Storage for signatures. Row reads and writes go through drizzle; the token inserts
// that must follow a mail-ledger reservation in one raw batch stay SQL (see
// addTokenStatements). Functions take the binding first: the queue consumer passes a
// coalescing binding (src/platform/db/coalesce.ts), and db() keeps one drizzle handle
// per binding.

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
  updates: boolean;
  ipHash: string | null;
  now: number;
  // Sustained limits: over either, the signature is stored as held.
  limits: { since: number; perIp: number; perDomain: number; domainExempt: boolean };
};

// Inserts unless this person already signed this pledge, in one statement that also
// decides from recent activity (same IP hash, same email domain, last hour) whether the
// signature is held. Returns the new row's id and state, or null for a duplicate.
export async function insertSignature(d1: D1Database, s: NewSignature): Promise<{ id: number; state: 'pending' | 'held' } | null> {
  const recent = (column: typeof signatures.ipHash | typeof signatures.emailDomain, value: string) =>
    sql`(SELECT count(*) FROM ${signatures} WHERE ${column} = ${value} AND ${signatures.createdAt} > ${s.limits.since})`;
  const overIp = s.ipHash === null ? sql`0` : sql`${recent(signatures.ipHash, s.ipHash)} >= ${s.limits.perIp}`;
  const overDomain = s.limits.domainExempt ? sql`0` : sql`${recent(signatures.emailDomain, s.emailDomain)} >= ${s.limits.perDomain}`;
  const row = await db(d1)
    .insert(signatures)
    .values({
      pledgeId: s.pledgeId,
      lang: s.lang,
      textVersion: s.textVersion,
      state: sql`CASE WHEN ${overIp} OR ${overDomain} THEN ${SIGNATURE.held} ELSE ${SIGNATURE.pending} END`,
      name: s.name,
      email: s.email,
      emailKey: s.emailKey,
      emailDomain: s.emailDomain,
      affiliation: s.affiliation,
      title: s.title,
      orcid: s.orcid,
      field: s.field,
      region: s.region,
      public: s.public,
      updates: s.updates,
      mailsSent: 1,
      ipHash: s.ipHash,
      createdAt: s.now,
      updatedAt: s.now,
    })
    .onConflictDoNothing({ target: [signatures.pledgeId, signatures.emailKey] })
    .returning({ id: signatures.id, state: signatures.state })
    .get();
  return row ? { id: row.id, state: row.state as 'pending' | 'held' } : null;
}

export type ExistingSignature = { id: number; state: string; email: string; confirmedAt: number | null; mailsSent: number };

export async function findByEmailKey(d1: D1Database, pledgeId: number, emailKey: string): Promise<ExistingSignature | null> {
  const row = await db(d1)
    .select({ id: signatures.id, state: signatures.state, email: signatures.email, confirmedAt: signatures.confirmedAt, mailsSent: signatures.mailsSent })
    .from(signatures)
    .where(and(eq(signatures.pledgeId, pledgeId), eq(signatures.emailKey, emailKey)))
    .get();
  // A row found by its email key still has its email (withdrawal erases both).
  return row ? { ...row, email: row.email ?? '' } : null;
}

// One more mail for this signature, within its own budget (the mail ledger caps per
// recipient on top). Changes nothing else about the signature.
export async function countMail(d1: D1Database, id: number, maxMails: number): Promise<boolean> {
  const row = await db(d1)
    .update(signatures)
    .set({ mailsSent: sql`${signatures.mailsSent} + 1` })
    .where(and(eq(signatures.id, id), lt(signatures.mailsSent, maxMails)))
    .returning({ id: signatures.id })
    .get();
  return row !== undefined;
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
  // Issue 15; absent in links mailed before it (then: not opted in).
  updates?: boolean;
  lang: string;
  textVersion: string;
  // Issue 16: the iD above was proven by ORCID sign-in (absent in links mailed before).
  orcidProven?: boolean;
};

// confirm and withdraw links; manage (the signer's page, /manage/:token) and
// unsubscribe (one-click, from update mails) since issue 15.
export type TokenKind = 'confirm' | 'withdraw' | 'manage' | 'unsubscribe';

export type NewToken = { hash: string; kind: TokenKind; details: SignatureDetails | null; expiresAt: number | null };

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
  // The name stored (null once withdrawn).
  name: string | null;
  emailDomain: string | null;
  // Whether the companion withdraw token (hash given) is a live link of the same signature.
  withdrawValid: number;
};

export async function findToken(d1: D1Database, hash: string, kind: TokenKind, withdrawHash: string | null = null): Promise<TokenRow | null> {
  const d = db(d1);
  const w = alias(signatureTokens, 'w');
  const withdrawValid = exists(
    d
      .select({ one: sql`1` })
      .from(w)
      .where(and(eq(w.tokenHash, withdrawHash ?? ''), eq(w.signatureId, signatures.id), eq(w.kind, 'withdraw'))),
  ).mapWith(Number);
  const row = await d
    .select({
      id: signatures.id,
      pledgeId: signatures.pledgeId,
      state: signatures.state,
      tokenHash: signatureTokens.tokenHash,
      details: signatureTokens.details,
      expiresAt: signatureTokens.expiresAt,
      confirmedAt: signatures.confirmedAt,
      lang: signatures.lang,
      name: signatures.name,
      emailDomain: signatures.emailDomain,
      withdrawValid,
    })
    .from(signatureTokens)
    .innerJoin(signatures, eq(signatures.id, signatureTokens.signatureId))
    .where(and(eq(signatureTokens.tokenHash, hash), eq(signatureTokens.kind, kind)))
    .get();
  return row ?? null;
}

// The columns a confirm link's details set.
const detailColumns = (d: SignatureDetails) => ({
  name: d.name,
  affiliation: d.affiliation,
  title: d.title,
  orcid: d.orcid,
  field: d.field,
  region: d.region,
  public: d.public,
  updates: d.updates === true,
  lang: d.lang,
  textVersion: d.textVersion,
});

// The level a confirmation sets (issue 16): `level` as derived by the Worker, unless it
// is orcid and another counted signature of the pledge proved the same iD meanwhile;
// then `fallback` (the mailbox's level), and the iD stays as claimed. Decided inside the
// confirming statement, so two confirmations cannot both take one iD.
export type ConfirmLevel = { level: Level; fallback: Level };

function levelColumn(details: SignatureDetails | null, lv: ConfirmLevel): SQL | Level {
  if (!details || lv.level !== LEVEL.orcid || !details.orcid) return lv.fallback;
  return sql`CASE WHEN NOT EXISTS (SELECT 1 FROM signatures o WHERE o.pledge_id = signatures.pledge_id AND o.id != signatures.id
    AND o.orcid = ${details.orcid} AND o.verification = ${LEVEL.orcid} AND o.state IN (${sql.raw(sqlList([SIGNATURE.confirmed, SIGNATURE.held]))})) THEN ${LEVEL.orcid} ELSE ${lv.fallback} END`;
}

// Records the confirmation (with the link's details, or the row's own for links mailed
// before issue 13) where the guard holds, and then, in the same batch, makes the other
// confirm links of a confirmed signature keep answering "already confirmed" without
// holding anyone's details. True when this call made the change.
async function confirmWhere(d1: D1Database, id: number, details: SignatureDetails | null, now: number, lv: ConfirmLevel, guard: SQL | undefined): Promise<boolean> {
  const d = db(d1);
  const [updated] = await d.batch([
    d
      .update(signatures)
      .set({
        confirmedAt: now,
        updatedAt: now,
        ...(details ? detailColumns(details) : {}),
        verification: levelColumn(details, lv),
        ...(guard === undefined ? { state: SIGNATURE.confirmed } : {}),
      })
      .where(and(eq(signatures.id, id), guard ?? eq(signatures.state, SIGNATURE.pending)))
      .returning({ id: signatures.id }),
    d
      .update(signatureTokens)
      .set({ details: null })
      .where(
        and(
          eq(signatureTokens.signatureId, id),
          eq(signatureTokens.kind, 'confirm'),
          isNotNull(signatureTokens.details),
          exists(
            d
              .select({ one: sql`1` })
              .from(signatures)
              .where(and(eq(signatures.id, id), isNotNull(signatures.confirmedAt))),
          ),
        ),
      ),
  ]);
  return updated.length > 0;
}

// pending -> confirmed, with the level the details earn. The guard on state makes
// concurrent and repeated confirmations count once; the counter triggers run inside
// this same statement.
export function markConfirmed(d1: D1Database, id: number, details: SignatureDetails | null, now: number, lv: ConfirmLevel): Promise<boolean> {
  return confirmWhere(d1, id, details, now, lv, undefined);
}

// A held signature records that its email was confirmed but stays held (uncounted).
// (Held signatures are mailed only once released; this serves links mailed before.)
export function markHeldConfirmed(d1: D1Database, id: number, details: SignatureDetails | null, now: number, lv: ConfirmLevel): Promise<boolean> {
  return confirmWhere(d1, id, details, now, lv, and(eq(signatures.state, SIGNATURE.held), isNull(signatures.confirmedAt)));
}

// What mailing a signature's confirmation needs (the organiser's release path).
export type MailableSignature = SignatureDetails & { id: number; pledgeId: number; state: string; email: string | null; emailKey: string | null };

export async function signatureForMail(d1: D1Database, id: number): Promise<MailableSignature | null> {
  const row = await db(d1)
    .select({
      id: signatures.id,
      pledgeId: signatures.pledgeId,
      state: signatures.state,
      email: signatures.email,
      emailKey: signatures.emailKey,
      name: signatures.name,
      affiliation: signatures.affiliation,
      title: signatures.title,
      orcid: signatures.orcid,
      field: signatures.field,
      region: signatures.region,
      public: signatures.public,
      updates: signatures.updates,
      lang: signatures.lang,
      textVersion: signatures.textVersion,
    })
    .from(signatures)
    .where(eq(signatures.id, id))
    .get();
  // Only withdrawn rows lack a name or affiliation, and they are never mailed.
  return row ? { ...row, name: row.name ?? '', affiliation: row.affiliation ?? '', field: row.field as Field } : null;
}

// Withdrawal: the state changes (counters follow by trigger) and personal data is
// erased. Kept: pledge, text version, language, field, region, society and times,
// which the counts, the breakdowns and an audit need.
export async function markWithdrawn(d1: D1Database, id: number, now: number): Promise<number | null> {
  const row = await db(d1)
    .update(signatures)
    .set({
      state: SIGNATURE.withdrawn,
      withdrawnAt: now,
      updatedAt: now,
      name: null,
      email: null,
      emailKey: null,
      emailDomain: null,
      affiliation: null,
      title: null,
      orcid: null,
      public: false,
      updates: false,
      ipHash: null,
      confirmTokenHash: null,
      withdrawTokenHash: null,
      tokenExpiresAt: null,
    })
    .where(and(eq(signatures.id, id), inArray(signatures.state, [...WITHDRAWABLE_STATES])))
    .returning({ pledgeId: signatures.pledgeId })
    .get();
  return row?.pledgeId ?? null;
}
