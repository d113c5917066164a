import { and, eq, exists, fillPlaceholders, inArray, lt, sql } from 'drizzle-orm';
import { alias, SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { db } from '../platform/db/client.ts';
import { GroupCommit } from '../platform/db/group-commit.ts';
import { signatures, signatureTokens } from '../platform/db/schema.ts';
import { sqlList } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import type { KeepAlive } from '../platform/rounds.ts';
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
  // The mailbox's level under the rules at insert (issue 16); rule changes re-derive it.
  verification: Level;
  now: number;
  // Sustained limits: over either, the signature is stored as held.
  limits: { since: number; perIp: number; perDomain: number; domainExempt: boolean };
};

// Inserts unless this person already signed this pledge, in one statement that also
// decides from recent activity (same IP hash, same email domain, last hour) whether the
// signature is held. Returns the new row's id and state, or null for a duplicate.
// Prepared once per drizzle handle (the queue consumer inserts up to 100 per batch over
// one handle): building the statement is most of the CPU an insert costs in the Worker.
const p = <T extends string>(name: T) => sql.placeholder(name);
const recentBy = (column: typeof signatures.ipHash | typeof signatures.emailDomain, value: ReturnType<typeof p>) =>
  sql`(SELECT count(*) FROM ${signatures} WHERE ${column} = ${value} AND ${signatures.createdAt} > ${p('since')})`;
const held = sql`CASE WHEN (${p('ipHash')} IS NOT NULL AND ${recentBy(signatures.ipHash, p('ipHash'))} >= ${p('perIp')})
  OR (${p('domainExempt')} = 0 AND ${recentBy(signatures.emailDomain, p('emailDomain'))} >= ${p('perDomain')})
  THEN ${SIGNATURE.held} ELSE ${SIGNATURE.pending} END`;

function prepareInsert(d: ReturnType<typeof db>) {
  return d
    .insert(signatures)
    .values({
      pledgeId: p('pledgeId'),
      lang: p('lang'),
      textVersion: p('textVersion'),
      state: held,
      name: p('name'),
      email: p('email'),
      emailKey: p('emailKey'),
      emailDomain: p('emailDomain'),
      affiliation: p('affiliation'),
      title: p('title'),
      orcid: p('orcid'),
      field: p('field'),
      region: p('region'),
      public: p('public'),
      updates: p('updates'),
      verification: p('verification'),
      mailsSent: 1,
      ipHash: p('ipHash'),
      createdAt: p('now'),
      updatedAt: p('now'),
    })
    .onConflictDoNothing({ target: [signatures.pledgeId, signatures.emailKey] })
    .returning({ id: signatures.id, state: signatures.state })
    .prepare();
}
const insertStatements = new WeakMap<object, ReturnType<typeof prepareInsert>>();

export async function insertSignature(d1: D1Database, s: NewSignature): Promise<{ id: number; state: 'pending' | 'held' } | null> {
  const d = db(d1);
  let insert = insertStatements.get(d);
  if (!insert) {
    insert = prepareInsert(d);
    insertStatements.set(d, insert);
  }
  const row = await insert.get({
    pledgeId: s.pledgeId,
    lang: s.lang,
    textVersion: s.textVersion,
    name: s.name,
    email: s.email,
    emailKey: s.emailKey,
    emailDomain: s.emailDomain,
    affiliation: s.affiliation,
    title: s.title,
    orcid: s.orcid,
    field: s.field,
    region: s.region,
    // Placeholders are bound as given: booleans as SQLite stores them.
    public: s.public ? 1 : 0,
    updates: s.updates ? 1 : 0,
    verification: s.verification,
    ipHash: s.ipHash,
    now: s.now,
    since: s.limits.since,
    perIp: s.limits.perIp,
    perDomain: s.limits.perDomain,
    domainExempt: s.limits.domainExempt ? 1 : 0,
  });
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

// Confirms the signature a confirm link belongs to, in one statement (issue 14: the
// confirm response waits on one D1 round trip). Where the link is unexpired and its
// signature awaits confirmation (pending, or held with its mailbox unconfirmed), it
// applies the link's details (or keeps the row's own, for links mailed before issue 13)
// and sets the level: orcid when the details carry an ORCID proof and no other counted
// signature of the pledge proved the same iD (decided here, so two confirmations cannot
// both take one iD), else the mailbox's level stored on the row. Pending becomes
// confirmed (the counter and log triggers run inside this statement); held stays held.
// A trigger then drops the details of the signature's confirm links
// (migrations/0020_confirm_one_statement.sql). null: nothing was confirmed.
export type Confirmed = { id: number; pledgeId: number; lang: string; counted: boolean; withdrawValid: boolean };

// Rendered once (the statement is the same for every confirmation; only the
// placeholders change): the confirm response builds no SQL.
const detail = (key: string, column: string) => sql.raw(`CASE WHEN t.details IS NULL THEN signatures.${column} ELSE json_extract(t.details, '$.${key}') END`);
const flag = (key: string, column: string) => sql.raw(`CASE WHEN t.details IS NULL THEN signatures.${column} ELSE coalesce(json_extract(t.details, '$.${key}'), 0) END`);
const CONFIRM = new SQLiteAsyncDialect().sqlToQuery(sql`
    UPDATE signatures SET
      state = CASE WHEN signatures.state = ${SIGNATURE.pending} THEN ${SIGNATURE.confirmed} ELSE signatures.state END,
      confirmed_at = ${p('now')},
      updated_at = ${p('now')},
      name = ${detail('name', 'name')},
      affiliation = ${detail('affiliation', 'affiliation')},
      title = ${detail('title', 'title')},
      orcid = ${detail('orcid', 'orcid')},
      field = ${detail('field', 'field')},
      region = ${detail('region', 'region')},
      lang = ${detail('lang', 'lang')},
      text_version = ${detail('textVersion', 'text_version')},
      public = ${flag('public', 'public')},
      updates = ${flag('updates', 'updates')},
      verification = CASE
        WHEN json_extract(t.details, '$.orcidProven') = 1 AND json_extract(t.details, '$.orcid') IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM signatures o WHERE o.pledge_id = signatures.pledge_id AND o.id != signatures.id
            AND o.orcid = json_extract(t.details, '$.orcid') AND o.verification = ${LEVEL.orcid} AND o.state IN (${sql.raw(sqlList([SIGNATURE.confirmed, SIGNATURE.held]))}))
        THEN ${LEVEL.orcid} ELSE signatures.verification END
    FROM signature_tokens t
    WHERE t.token_hash = ${p('hash')} AND t.kind = 'confirm' AND signatures.id = t.signature_id
      AND (t.expires_at IS NULL OR t.expires_at >= ${p('now')})
      AND (signatures.state = ${SIGNATURE.pending} OR (signatures.state = ${SIGNATURE.held} AND signatures.confirmed_at IS NULL))
    RETURNING id, pledge_id AS pledgeId, state, lang,
      EXISTS (SELECT 1 FROM signature_tokens w WHERE w.token_hash = ${p('withdrawHash')} AND w.signature_id = signatures.id AND w.kind = 'withdraw') AS withdrawValid`);

// Concurrent confirmations in this isolate commit together (platform/db/group-commit.ts):
// under a burst, one D1 transaction holds many of them. `grouped: false` sends this one
// alone (the bench measures both).
const confirmations = new GroupCommit();

export type ConfirmOptions = { keepAlive?: KeepAlive; grouped?: boolean };

export async function confirmByToken(d1: D1Database, hash: string, withdrawHash: string, now: number, options: ConfirmOptions = {}): Promise<Confirmed | null> {
  type Row = { id: number; pledgeId: number; state: string; lang: string; withdrawValid: number };
  const stmt = d1.prepare(CONFIRM.sql).bind(...fillPlaceholders(CONFIRM.params, { hash, withdrawHash, now }));
  const row = options.grouped === false ? await stmt.first<Row>() : await confirmations.first<Row>(d1, stmt, options.keepAlive);
  return row ? { id: row.id, pledgeId: row.pledgeId, lang: row.lang, counted: row.state === SIGNATURE.confirmed, withdrawValid: row.withdrawValid === 1 } : null;
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
