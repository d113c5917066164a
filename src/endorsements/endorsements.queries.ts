import { sqlList, sqlText } from '../platform/db/sql.ts';
import { ENDORSEMENT } from '../platform/db/states.ts';
import { type Category, REJECTABLE_STATES, VERIFIABLE_STATES } from './endorsements.ts';
import { nameKey } from './names.ts';

// Storage for societies and endorsements: plain D1 statements. Functions take the binding first.

export type SocietyMatch = { id: number; by: 'name' | 'website' };

// Fills the matching keys of societies that have none (seeded rows, rows from before
// the keys existed): SQLite cannot fold scripts or confusables, so the Worker does.
export async function ensureNameKeys(d1: D1Database, batch = 500): Promise<number> {
  const { results } = await d1
    .prepare(
      `SELECT s.id, s.name_hans AS hans, s.name_hant AS hant,
         coalesce(s.name_en, (SELECT e.submitted_name_en FROM endorsements e WHERE e.society_id = s.id AND e.submitted_name_en IS NOT NULL ORDER BY e.id LIMIT 1)) AS en
       FROM societies s WHERE s.name_key IS NULL AND s.name_en_key IS NULL ORDER BY s.id LIMIT ?1`,
    )
    .bind(batch)
    .all<{ id: number; hans: string | null; hant: string | null; en: string | null }>();
  if (results.length === 0) return 0;
  await d1.batch(
    results.map((r) => {
      const zh = r.hans ?? r.hant;
      // A row with no name at all gets an empty English key, so it is not read again.
      return d1.prepare('UPDATE societies SET name_key = ?2, name_en_key = ?3 WHERE id = ?1').bind(r.id, zh ? nameKey(zh) : null, r.en ? nameKey(r.en) : zh ? null : '');
    }),
  );
  return results.length;
}

// A known society by any of its names, compared by key (either script, invisible
// characters and look-alike letters folded), or by the host of its verified website.
export async function findSociety(d1: D1Database, names: { hans: string | null; hant: string | null; en: string | null }, websiteHost: string): Promise<SocietyMatch | null> {
  await ensureNameKeys(d1);
  const zh = names.hans ?? names.hant;
  const byName = await d1
    .prepare(`SELECT id FROM societies WHERE (?1 IS NOT NULL AND name_key = ?1) OR (?2 IS NOT NULL AND name_en_key = ?2) ORDER BY id LIMIT 1`)
    .bind(zh ? nameKey(zh) : null, names.en ? nameKey(names.en) : null)
    .first<{ id: number }>();
  if (byName) return { id: byName.id, by: 'name' };
  const byHost = await d1.prepare(`SELECT id FROM societies WHERE website_host = ?1 ORDER BY id LIMIT 1`).bind(websiteHost).first<{ id: number }>();
  return byHost ? { id: byHost.id, by: 'website' } : null;
}

export type NewSociety = { nameHans: string | null; nameHant: string | null; nameEn: string | null; website: string; websiteHost: string; category: Category };

// Inserts a society with its Chinese names and matching keys only: its website and
// English name stay on the submission until an organiser verifies it (completeSociety),
// so a rejected or unverified submission never decides what is public. A concurrent
// insert of the same Chinese name resolves to the existing row.
export async function insertSociety(d1: D1Database, s: NewSociety): Promise<number> {
  const zh = s.nameHans ?? s.nameHant;
  const row = await d1
    .prepare(
      `INSERT INTO societies (name_hans, name_hant, category, name_key, name_en_key) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(s.nameHans, s.nameHant, s.category, zh ? nameKey(zh) : null, s.nameEn ? nameKey(s.nameEn) : null)
    .first<{ id: number }>();
  if (row) return row.id;
  const existing = await d1.prepare(`SELECT id FROM societies WHERE name_hans = ?1 OR name_hant = ?2`).bind(s.nameHans, s.nameHant).first<{ id: number }>();
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
  return d1
    .prepare(`SELECT id, state, token_expires_at AS tokenExpiresAt FROM endorsements WHERE pledge_id = ?1 AND society_id = ?2`)
    .bind(pledgeId, societyId)
    .first<{ id: number; state: string; tokenExpiresAt: number | null }>();
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
  const row = await d1
    .prepare(
      `INSERT INTO endorsements (pledge_id, society_id, state, contact_name, contact_role, contact_email, statement, lang, token_hash, token_expires_at, mails_sent,
         ip_hash, created_at, submitted_name, submitted_website, submitted_name_en, search_key)
       VALUES (?1, ?2, ${sqlText(ENDORSEMENT.pending)}, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?12, ?13, ?14, ?15)
       ON CONFLICT (pledge_id, society_id) DO UPDATE SET state = ${sqlText(ENDORSEMENT.pending)}, contact_name = excluded.contact_name, contact_role = excluded.contact_role,
         contact_email = excluded.contact_email, statement = excluded.statement, lang = excluded.lang, token_hash = excluded.token_hash,
         submitted_name = excluded.submitted_name, submitted_website = excluded.submitted_website, submitted_name_en = excluded.submitted_name_en, search_key = excluded.search_key,
         token_expires_at = excluded.token_expires_at, mails_sent = endorsements.mails_sent + 1, ip_hash = excluded.ip_hash, created_at = excluded.created_at,
         confirmed_at = NULL, verified_at = NULL, rejected_at = NULL, reject_reason = NULL
       WHERE endorsements.state = ${sqlText(ENDORSEMENT.rejected)} OR (endorsements.state = ${sqlText(ENDORSEMENT.pending)} AND endorsements.token_expires_at < ?11)
       RETURNING id, mails_sent AS mailsSent`,
    )
    .bind(
      e.pledgeId,
      e.societyId,
      e.contactName,
      e.contactRole,
      e.contactEmail,
      e.statement,
      e.lang,
      e.tokenHash,
      e.tokenExpiresAt,
      e.ipHash,
      e.now,
      e.submittedName,
      e.submittedWebsite,
      e.submittedNameEn,
      e.searchKey,
    )
    .first<{ id: number; mailsSent: number }>();
  return row ?? null;
}

export type EndorsementTokenRow = {
  id: number;
  pledgeId: number;
  state: string;
  tokenHash: string | null;
  tokenExpiresAt: number | null;
  // The society's names (as submitted while no society row is linked), for the confirm pages.
  nameHans: string | null;
  nameHant: string | null;
  nameEn: string | null;
};

export async function findByTokenHash(d1: D1Database, hash: string) {
  return d1
    .prepare(
      `SELECT e.id, e.pledge_id AS pledgeId, e.state, e.token_hash AS tokenHash, e.token_expires_at AS tokenExpiresAt, coalesce(s.name_hans, e.submitted_name) AS nameHans,
         coalesce(s.name_hant, e.submitted_name) AS nameHant, coalesce(s.name_en, e.submitted_name_en) AS nameEn
       FROM endorsements e LEFT JOIN societies s ON s.id = e.society_id WHERE e.token_hash = ?1`,
    )
    .bind(hash)
    .first<EndorsementTokenRow>();
}

// pending -> confirmed (awaiting an organiser). The link is spent.
export async function markConfirmed(d1: D1Database, id: number, now: number): Promise<boolean> {
  const row = await d1
    .prepare(
      `UPDATE endorsements SET state = ${sqlText(ENDORSEMENT.confirmed)}, confirmed_at = ?2, token_hash = NULL, token_expires_at = NULL WHERE id = ?1 AND state = ${sqlText(ENDORSEMENT.pending)} RETURNING id`,
    )
    .bind(id, now)
    .first();
  return row !== null;
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
  coalesce(s.name_hans, e.submitted_name) AS nameHans,
         coalesce(s.name_hant, e.submitted_name) AS nameHant, coalesce(s.name_en, e.submitted_name_en) AS nameEn, s.website, s.website_host AS websiteHost, s.category,
  e.contact_name AS contactName, e.contact_role AS contactRole, e.contact_email AS contactEmail, e.statement, e.lang,
  e.submitted_name AS submittedName, e.submitted_website AS submittedWebsite, e.submitted_name_en AS submittedNameEn, e.ip_hash AS ipHash,
  e.reject_reason AS rejectReason, e.created_at AS createdAt, e.confirmed_at AS confirmedAt, e.verified_at AS verifiedAt, e.rejected_at AS rejectedAt
  FROM endorsements e JOIN societies s ON s.id = e.society_id JOIN pledges p ON p.id = e.pledge_id`;

export async function getEndorsement(d1: D1Database, id: number) {
  return d1.prepare(`${DETAIL} WHERE e.id = ?1`).bind(id).first<EndorsementDetail>();
}

// Every endorsement of a pledge (for the CSV export), founders first in seed order.
export async function listAllForPledge(d1: D1Database, pledgeId: number | null) {
  const { results } = await d1
    .prepare(`${DETAIL} WHERE (?1 IS NULL OR e.pledge_id = ?1) ORDER BY e.pledge_id, e.founding DESC, e.position, e.verified_at, e.id`)
    .bind(pledgeId)
    .all<EndorsementDetail>();
  return results;
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
  const row = await d1
    .prepare(
      `UPDATE endorsements SET state = ${sqlText(ENDORSEMENT.rejected)}, rejected_at = ?3, reject_reason = ?2, token_hash = NULL, token_expires_at = NULL
       WHERE id = ?1 AND state IN (${sqlList(REJECTABLE_STATES)}) RETURNING id`,
    )
    .bind(id, reason, now)
    .first();
  return row !== null;
}
