import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '../platform/db/client.ts';
import { endorsements, pledges, societies } from '../platform/db/schema.ts';
import { sqlList, sqlText } from '../platform/db/sql.ts';
import { ENDORSEMENT } from '../platform/db/states.ts';
import { type Category, REJECTABLE_STATES, VERIFIABLE_STATES } from './endorsements.ts';
import { nameKey } from './names.ts';

// Storage for societies and endorsements. Row reads and writes go through drizzle; the
// statements of the verification batch stay SQL (they are guarded on each other's
// effect inside one raw batch, with the admin audit entry). Functions take the binding first.

export type SocietyMatch = { id: number; by: 'name' | 'website' };

// Fills the matching keys of societies that have none (seeded rows, rows from before
// the keys existed): SQLite cannot fold scripts or confusables, so the Worker does.
export async function ensureNameKeys(d1: D1Database, batch = 500): Promise<number> {
  const d = db(d1);
  const e = alias(endorsements, 'e');
  const firstSubmittedEn = d
    .select({ en: e.submittedNameEn })
    .from(e)
    .where(and(eq(e.societyId, societies.id), sql`${e.submittedNameEn} IS NOT NULL`))
    .orderBy(asc(e.id))
    .limit(1);
  const results = await d
    .select({ id: societies.id, hans: societies.nameHans, hant: societies.nameHant, en: sql<string | null>`coalesce(${societies.nameEn}, (${firstSubmittedEn}))` })
    .from(societies)
    .where(and(isNull(societies.nameKey), isNull(societies.nameEnKey)))
    .orderBy(asc(societies.id))
    .limit(batch)
    .all();
  const [first, ...rest] = results.map((r) => {
    const zh = r.hans ?? r.hant;
    // A row with no name at all gets an empty English key, so it is not read again.
    return d
      .update(societies)
      .set({ nameKey: zh ? nameKey(zh) : null, nameEnKey: r.en ? nameKey(r.en) : zh ? null : '' })
      .where(eq(societies.id, r.id));
  });
  if (first) await d.batch([first, ...rest]);
  return results.length;
}

// A known society by any of its names, compared by key (either script, invisible
// characters and look-alike letters folded), or by the host of its verified website.
export async function findSociety(d1: D1Database, names: { hans: string | null; hant: string | null; en: string | null }, websiteHost: string): Promise<SocietyMatch | null> {
  await ensureNameKeys(d1);
  const d = db(d1);
  const zh = names.hans ?? names.hant;
  const byKey: SQL[] = [];
  if (zh) byKey.push(eq(societies.nameKey, nameKey(zh)));
  if (names.en) byKey.push(eq(societies.nameEnKey, nameKey(names.en)));
  const firstId = (where: SQL | undefined) => d.select({ id: societies.id }).from(societies).where(where).orderBy(asc(societies.id)).limit(1).get();
  const byName = byKey.length > 0 ? await firstId(or(...byKey)) : undefined;
  if (byName) return { id: byName.id, by: 'name' };
  const byHost = await firstId(eq(societies.websiteHost, websiteHost));
  return byHost ? { id: byHost.id, by: 'website' } : null;
}

export type NewSociety = { nameHans: string | null; nameHant: string | null; nameEn: string | null; website: string; websiteHost: string; category: Category };

// Inserts a society with its Chinese names and matching keys only: its website and
// English name stay on the submission until an organiser verifies it (completeSociety),
// so a rejected or unverified submission never decides what is public. A concurrent
// insert of the same Chinese name resolves to the existing row.
export async function insertSociety(d1: D1Database, s: NewSociety): Promise<number> {
  const d = db(d1);
  const zh = s.nameHans ?? s.nameHant;
  const row = await d
    .insert(societies)
    .values({ nameHans: s.nameHans, nameHant: s.nameHant, category: s.category, nameKey: zh ? nameKey(zh) : null, nameEnKey: s.nameEn ? nameKey(s.nameEn) : null })
    .onConflictDoNothing()
    .returning({ id: societies.id })
    .get();
  if (row) return row.id;
  const sameName = [s.nameHans && eq(societies.nameHans, s.nameHans), s.nameHant && eq(societies.nameHant, s.nameHant)].filter((c): c is SQL => Boolean(c));
  const existing =
    sameName.length > 0
      ? await d
          .select({ id: societies.id })
          .from(societies)
          .where(or(...sameName))
          .get()
      : undefined;
  if (!existing) throw new Error('society insert conflicted but no row found');
  return existing.id;
}

export type VerifiedSociety = { nameHans: string | null; nameHant: string | null; nameEn: string | null; website: string | null; websiteHost: string | null };

// Writes the verified submission's details onto its society. A society that no verified
// or founding endorsement vouches for yet takes them whole (whatever an earlier,
// unvetted submission left there); one that has verified details only gets what it
// lacks (never overwritten). Runs in the verification batch, and only if that
// endorsement was just verified, so an unvetted submission cannot change a society.
export function completeSocietyStatement(d1: D1Database, id: number, s: VerifiedSociety, verified: { endorsementId: number; at: number }): D1PreparedStatement {
  const zh = s.nameHans ?? s.nameHant;
  // Vouched for by no other endorsement yet (the endorsements table does not change here).
  const fresh = `NOT EXISTS (SELECT 1 FROM endorsements o WHERE o.society_id = ?1 AND o.id != ?5 AND (o.state = ${sqlText(ENDORSEMENT.verified)} OR o.founding = 1))`;
  return d1
    .prepare(
      `UPDATE OR IGNORE societies SET
         name_hans = CASE WHEN ${fresh} THEN coalesce(?7, name_hans) ELSE coalesce(name_hans, ?7) END,
         name_hant = CASE WHEN ${fresh} THEN coalesce(?8, name_hant) ELSE coalesce(name_hant, ?8) END,
         name_en = CASE WHEN ${fresh} THEN ?4 ELSE coalesce(name_en, ?4) END,
         website = CASE WHEN ${fresh} THEN ?2 ELSE coalesce(website, ?2) END,
         website_host = CASE WHEN ${fresh} THEN ?3 ELSE coalesce(website_host, ?3) END,
         name_key = coalesce(?9, name_key), name_en_key = CASE WHEN ${fresh} OR name_en IS NULL THEN coalesce(?10, name_en_key) ELSE name_en_key END
       WHERE id = ?1 AND EXISTS (SELECT 1 FROM endorsements WHERE id = ?5 AND state = ${sqlText(ENDORSEMENT.verified)} AND verified_at = ?6)`,
    )
    .bind(id, s.website, s.websiteHost, s.nameEn, verified.endorsementId, verified.at, s.nameHans, s.nameHant, zh ? nameKey(zh) : null, s.nameEn ? nameKey(s.nameEn) : null);
}

export async function findEndorsement(d1: D1Database, pledgeId: number, societyId: number) {
  const row = await db(d1)
    .select({ id: endorsements.id, state: endorsements.state, tokenExpiresAt: endorsements.tokenExpiresAt })
    .from(endorsements)
    .where(and(eq(endorsements.pledgeId, pledgeId), eq(endorsements.societyId, societyId)))
    .get();
  return row ?? null;
}

export type NewEndorsement = {
  pledgeId: number;
  societyId: number;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  statement: string | null;
  submittedName: string;
  submittedWebsite: string;
  submittedNameEn: string | null;
  // The folded search key of the submission (names.ts searchKey): names, website, contact domain.
  searchKey: string;
  lang: string;
  tokenHash: string;
  tokenExpiresAt: number;
  ipHash: string | null;
  now: number;
};

// Inserts a pending endorsement, or replaces a rejected or expired-unconfirmed one
// (the only rows a society may submit over). Returns the id and the mails this row has
// caused (replacing counts on, so MAX_MAILS_PER_ENDORSEMENT holds), or null when a live row exists.
export async function upsertPendingEndorsement(d1: D1Database, e: NewEndorsement): Promise<{ id: number; mailsSent: number } | null> {
  const submission = {
    contactName: e.contactName,
    contactRole: e.contactRole,
    contactEmail: e.contactEmail,
    statement: e.statement,
    lang: e.lang,
    tokenHash: e.tokenHash,
    tokenExpiresAt: e.tokenExpiresAt,
    ipHash: e.ipHash,
    createdAt: e.now,
    submittedName: e.submittedName,
    submittedWebsite: e.submittedWebsite,
    submittedNameEn: e.submittedNameEn,
    searchKey: e.searchKey,
  };
  const row = await db(d1)
    .insert(endorsements)
    .values({ pledgeId: e.pledgeId, societyId: e.societyId, state: ENDORSEMENT.pending, mailsSent: 1, ...submission })
    .onConflictDoUpdate({
      target: [endorsements.pledgeId, endorsements.societyId],
      set: {
        ...submission,
        state: ENDORSEMENT.pending,
        mailsSent: sql`${endorsements.mailsSent} + 1`,
        confirmedAt: null,
        verifiedAt: null,
        rejectedAt: null,
        rejectReason: null,
      },
      setWhere: or(eq(endorsements.state, ENDORSEMENT.rejected), and(eq(endorsements.state, ENDORSEMENT.pending), lt(endorsements.tokenExpiresAt, e.now))),
    })
    .returning({ id: endorsements.id, mailsSent: endorsements.mailsSent })
    .get();
  return row ?? null;
}

export type EndorsementTokenRow = { id: number; pledgeId: number; state: string; tokenHash: string | null; tokenExpiresAt: number | null };

export async function findByTokenHash(d1: D1Database, hash: string): Promise<EndorsementTokenRow | null> {
  const row = await db(d1)
    .select({ id: endorsements.id, pledgeId: endorsements.pledgeId, state: endorsements.state, tokenHash: endorsements.tokenHash, tokenExpiresAt: endorsements.tokenExpiresAt })
    .from(endorsements)
    .where(eq(endorsements.tokenHash, hash))
    .get();
  return row ?? null;
}

// pending -> confirmed (awaiting an organiser). The link is spent.
export async function markConfirmed(d1: D1Database, id: number, now: number): Promise<boolean> {
  const row = await db(d1)
    .update(endorsements)
    .set({ state: ENDORSEMENT.confirmed, confirmedAt: now, tokenHash: null, tokenExpiresAt: null })
    .where(and(eq(endorsements.id, id), eq(endorsements.state, ENDORSEMENT.pending)))
    .returning({ id: endorsements.id })
    .get();
  return row !== undefined;
}

// What the organiser and the contact mail need about one endorsement.
export type EndorsementDetail = {
  id: number;
  pledgeId: number;
  pledgeSlug: string;
  state: string;
  founding: number;
  societyId: number;
  nameHans: string | null;
  nameHant: string | null;
  nameEn: string | null;
  website: string | null;
  websiteHost: string | null;
  category: string;
  contactName: string | null;
  contactRole: string | null;
  contactEmail: string | null;
  statement: string | null;
  submittedName: string | null;
  submittedWebsite: string | null;
  submittedNameEn: string | null;
  ipHash: string | null;
  lang: string;
  rejectReason: string | null;
  createdAt: number;
  confirmedAt: number | null;
  verifiedAt: number | null;
  rejectedAt: number | null;
};

export const DETAIL = `SELECT e.id, e.pledge_id AS pledgeId, p.slug AS pledgeSlug, e.state, e.founding, e.society_id AS societyId,
  s.name_hans AS nameHans, s.name_hant AS nameHant, s.name_en AS nameEn, s.website, s.website_host AS websiteHost, s.category,
  e.contact_name AS contactName, e.contact_role AS contactRole, e.contact_email AS contactEmail, e.statement, e.lang,
  e.submitted_name AS submittedName, e.submitted_website AS submittedWebsite, e.submitted_name_en AS submittedNameEn, e.ip_hash AS ipHash,
  e.reject_reason AS rejectReason, e.created_at AS createdAt, e.confirmed_at AS confirmedAt, e.verified_at AS verifiedAt, e.rejected_at AS rejectedAt
  FROM endorsements e JOIN societies s ON s.id = e.society_id JOIN pledges p ON p.id = e.pledge_id`;

// The same columns as DETAIL, for drizzle reads.
const detailColumns = {
  id: endorsements.id,
  pledgeId: endorsements.pledgeId,
  pledgeSlug: pledges.slug,
  state: endorsements.state,
  founding: sql<number>`${endorsements.founding}`,
  societyId: endorsements.societyId,
  nameHans: societies.nameHans,
  nameHant: societies.nameHant,
  nameEn: societies.nameEn,
  website: societies.website,
  websiteHost: societies.websiteHost,
  category: societies.category,
  contactName: endorsements.contactName,
  contactRole: endorsements.contactRole,
  contactEmail: endorsements.contactEmail,
  statement: endorsements.statement,
  lang: endorsements.lang,
  submittedName: endorsements.submittedName,
  submittedWebsite: endorsements.submittedWebsite,
  submittedNameEn: endorsements.submittedNameEn,
  ipHash: endorsements.ipHash,
  rejectReason: endorsements.rejectReason,
  createdAt: endorsements.createdAt,
  confirmedAt: endorsements.confirmedAt,
  verifiedAt: endorsements.verifiedAt,
  rejectedAt: endorsements.rejectedAt,
};

const details = (d1: D1Database) =>
  db(d1).select(detailColumns).from(endorsements).innerJoin(societies, eq(societies.id, endorsements.societyId)).innerJoin(pledges, eq(pledges.id, endorsements.pledgeId));

export async function getEndorsement(d1: D1Database, id: number): Promise<EndorsementDetail | null> {
  return (await details(d1).where(eq(endorsements.id, id)).get()) ?? null;
}

// Every endorsement of a pledge (for the CSV export), founders first in seed order.
export async function listAllForPledge(d1: D1Database, pledgeId: number | null): Promise<EndorsementDetail[]> {
  return details(d1)
    .where(pledgeId === null ? undefined : eq(endorsements.pledgeId, pledgeId))
    .orderBy(asc(endorsements.pledgeId), desc(endorsements.founding), asc(endorsements.position), asc(endorsements.verifiedAt), asc(endorsements.id))
    .all();
}

// confirmed -> verified; the counter trigger bumps the societies total in this statement.
export function markVerifiedStatement(d1: D1Database, id: number, now: number): D1PreparedStatement {
  return d1
    .prepare(`UPDATE endorsements SET state = ${sqlText(ENDORSEMENT.verified)}, verified_at = ?2 WHERE id = ?1 AND state IN (${sqlList(VERIFIABLE_STATES)}) RETURNING id`)
    .bind(id, now);
}

// The condition, for other statements of the verification batch, that it took effect.
export const JUST_VERIFIED = `EXISTS (SELECT 1 FROM endorsements WHERE id = ?6 AND state = ${sqlText(ENDORSEMENT.verified)} AND verified_at = ?7)`;

// pending | confirmed | verified -> rejected (leaving verified decrements the total by trigger).
export async function markRejected(d1: D1Database, id: number, reason: string, now: number): Promise<boolean> {
  const row = await db(d1)
    .update(endorsements)
    .set({ state: ENDORSEMENT.rejected, rejectedAt: now, rejectReason: reason, tokenHash: null, tokenExpiresAt: null })
    .where(and(eq(endorsements.id, id), inArray(endorsements.state, [...REJECTABLE_STATES])))
    .returning({ id: endorsements.id })
    .get();
  return row !== undefined;
}
