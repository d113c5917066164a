import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { searchNeedles } from '../endorsements/names.ts';
import type { InvalidationCategory } from '../log/entry.ts';
import { type Db, db } from '../platform/db/client.ts';
import { signatures } from '../platform/db/schema.ts';
import { sqlList, sqlText } from '../platform/db/sql.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { foldSearchKeys, NEEDLE_MATCH } from '../signatories/signatories.queries.ts';
import { type BulkFilter, INVALIDATABLE_STATES } from './moderation.ts';

// Storage for signature moderation: search, single-row actions (drizzle), bulk
// invalidation (set-based SQL, with its audit entry in the same batch).
// Every change is a state change (counters follow by trigger); nothing is deleted.

export type SignatureRow = {
  id: number;
  pledgeSlug: string;
  state: string;
  name: string | null;
  email: string | null;
  affiliation: string | null;
  title: string | null;
  orcid: string | null;
  field: string;
  region: string;
  public: number;
  hidden: number;
  textVersion: string;
  lang: string;
  emailDomain: string | null;
  ipHash: string | null;
  createdAt: number;
  confirmedAt: number | null;
  withdrawnAt: number | null;
  invalidatedAt: number | null;
  // email | institution | orcid (issue 16).
  verification: string;
};

const ROW = `SELECT s.id, p.slug AS pledgeSlug, s.state, s.name, s.email, s.affiliation, s.title, s.orcid, s.field, s.region, s.public, s.hidden,
  s.text_version AS textVersion, s.lang, s.email_domain AS emailDomain, s.ip_hash AS ipHash, s.created_at AS createdAt,
  s.confirmed_at AS confirmedAt, s.withdrawn_at AS withdrawnAt, s.invalidated_at AS invalidatedAt, s.verification
  FROM signatures s JOIN pledges p ON p.id = s.pledge_id`;

export type SearchQuery = { q: string | null; state: string | null; pledgeId: number | null; limit: number; offset: number; verification?: string | null };

// By substring of name or affiliation (either Chinese script, case-insensitive) or of
// the email, newest first. Any length and script: instr() on search keys, never LIKE.
export async function searchSignatures(d1: D1Database, s: SearchQuery): Promise<SignatureRow[]> {
  if (s.q) await foldSearchKeys(d1);
  const { results } = await d1
    .prepare(
      `${ROW} WHERE (?1 IS NULL OR instr(lower(s.email), lower(?6)) > 0 OR EXISTS (SELECT 1 FROM signature_search k WHERE k.signature_id = s.id AND ${NEEDLE_MATCH('?1')}))
         AND (?2 IS NULL OR s.state = ?2) AND (?3 IS NULL OR s.pledge_id = ?3) AND (?7 IS NULL OR s.verification = ?7)
       ORDER BY s.id DESC LIMIT ?4 OFFSET ?5`,
    )
    .bind(s.q ? JSON.stringify(searchNeedles(s.q)) : null, s.state, s.pledgeId, s.limit, s.offset, s.q ?? '', s.verification ?? null)
    .all<SignatureRow>();
  return results;
}

export async function getSignature(d1: D1Database, id: number) {
  return d1.prepare(`${ROW} WHERE s.id = ?1`).bind(id).first<SignatureRow>();
}

type Changed = { id: number; pledgeId: number } | null;

const changed = { id: signatures.id, pledgeId: signatures.pledgeId };

export async function setHidden(d1: D1Database, id: number, hidden: boolean, now: number): Promise<Changed> {
  const row = await db(d1).update(signatures).set({ hidden, updatedAt: now }).where(eq(signatures.id, id)).returning(changed).get();
  return row ?? null;
}

// category: the public reason the log records with the removal (src/log/entry.ts).
export async function invalidateSignature(d1: D1Database, id: number, now: number, category: InvalidationCategory = 'other'): Promise<Changed> {
  const row = await db(d1)
    .update(signatures)
    .set({ state: SIGNATURE.invalidated, invalidatedAt: now, updatedAt: now, invalidationCategory: category })
    .where(and(eq(signatures.id, id), inArray(signatures.state, [...INVALIDATABLE_STATES])))
    .returning(changed)
    .get();
  return row ?? null;
}

// held -> confirmed when its email was confirmed (it then counts), else -> pending.
export async function releaseSignature(d1: D1Database, id: number, now: number): Promise<(Changed & { state: string }) | null> {
  const row = await db(d1)
    .update(signatures)
    .set({ state: sql`CASE WHEN ${signatures.confirmedAt} IS NOT NULL THEN ${SIGNATURE.confirmed} ELSE ${SIGNATURE.pending} END`, updatedAt: now })
    .where(and(eq(signatures.id, id), eq(signatures.state, SIGNATURE.held)))
    .returning({ ...changed, state: signatures.state })
    .get();
  return row ?? null;
}

const FILTER = `state IN (${sqlList(INVALIDATABLE_STATES)}) AND (?1 IS NULL OR pledge_id = ?1) AND (?2 IS NULL OR ip_hash = ?2)
  AND (?3 IS NULL OR email_domain = ?3) AND (?4 IS NULL OR created_at >= ?4) AND (?5 IS NULL OR created_at < ?5)`;

const bindFilter = (f: BulkFilter) => [f.pledgeId, f.ipHash, f.emailDomain, f.from, f.to] as const;

export type BulkPreview = { matching: number; confirmed: number; pending: number; held: number };

// How many rows a bulk invalidation would change, and how many of them now count.
export async function previewBulk(d1: D1Database, f: BulkFilter): Promise<BulkPreview> {
  const row = await d1
    .prepare(
      `SELECT count(*) AS matching, coalesce(sum(state = ${sqlText(SIGNATURE.confirmed)}), 0) AS confirmed, coalesce(sum(state = ${sqlText(SIGNATURE.pending)}), 0) AS pending,
         coalesce(sum(state = ${sqlText(SIGNATURE.held)}), 0) AS held FROM signatures WHERE ${FILTER}`,
    )
    .bind(...bindFilter(f))
    .first<BulkPreview>();
  return row ?? { matching: 0, confirmed: 0, pending: 0, held: 0 };
}

// One batch, all or nothing: every matching row becomes invalidated (counters follow by
// trigger), and the audit entry lists exactly the rows this run changed (those stamped
// with this run's time).
export async function invalidateBulk(
  d1: D1Database,
  f: BulkFilter,
  now: number,
  actor: string,
  category: InvalidationCategory = 'suspicious',
): Promise<{ id: number; pledgeId: number }[]> {
  const [changed] = await d1.batch<{ id: number; pledgeId: number }>([
    d1
      .prepare(
        `UPDATE signatures SET state = ${sqlText(SIGNATURE.invalidated)}, invalidated_at = ?6, updated_at = ?6, invalidation_category = ?7 WHERE ${FILTER} RETURNING id, pledge_id AS pledgeId`,
      )
      .bind(...bindFilter(f), now, category),
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, created_at)
         SELECT ?1, 'signatures.bulk-invalidate', 'signatures:' || count(*), json_object('filter', json(?2), 'ids', json_group_array(id)), ?3
         FROM (SELECT id FROM signatures WHERE state = ${sqlText(SIGNATURE.invalidated)} AND invalidated_at = ?3 AND updated_at = ?3 ORDER BY id)`,
      )
      .bind(actor, JSON.stringify(f), now),
  ]);
  return changed?.results ?? [];
}

export type TrendingRow = { key: string; signatures: number; confirmed: number; held: number };

export async function trending(d1: D1Database, column: 'ip_hash' | 'email_domain', since: number, min: number, limit = 25): Promise<TrendingRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT ${column} AS key, count(*) AS signatures, coalesce(sum(state = ${sqlText(SIGNATURE.confirmed)}), 0) AS confirmed, coalesce(sum(state = ${sqlText(SIGNATURE.held)}), 0) AS held
       FROM signatures WHERE created_at > ?1 AND ${column} IS NOT NULL GROUP BY ${column} HAVING count(*) >= ?2 ORDER BY signatures DESC LIMIT ?3`,
    )
    .bind(since, min, limit)
    .all<TrendingRow>();
  return results;
}

// Rows for the CSV export, in id order, a page at a time.
export async function signaturesPage(d1: D1Database, pledgeId: number | null, afterId: number, limit: number): Promise<SignatureRow[]> {
  const { results } = await d1.prepare(`${ROW} WHERE (?1 IS NULL OR s.pledge_id = ?1) AND s.id > ?2 ORDER BY s.id LIMIT ?3`).bind(pledgeId, afterId, limit).all<SignatureRow>();
  return results;
}

export type BulkSampleRow = { id: number; state: string; name: string | null; affiliation: string | null; emailDomain: string | null; createdAt: number };

// The newest rows a bulk invalidation would change, shown before the organiser runs it.
export async function sampleBulk(d: Db, f: BulkFilter, limit = 10): Promise<BulkSampleRow[]> {
  const s = signatures;
  return d
    .select({ id: s.id, state: s.state, name: s.name, affiliation: s.affiliation, emailDomain: s.emailDomain, createdAt: s.createdAt })
    .from(s)
    .where(
      and(
        inArray(s.state, [...INVALIDATABLE_STATES]),
        f.pledgeId === null ? undefined : eq(s.pledgeId, f.pledgeId),
        f.ipHash === null ? undefined : eq(s.ipHash, f.ipHash),
        f.emailDomain === null ? undefined : eq(s.emailDomain, f.emailDomain),
        f.from === null ? undefined : gte(s.createdAt, f.from),
        f.to === null ? undefined : lt(s.createdAt, f.to),
      ),
    )
    .orderBy(desc(s.createdAt), desc(s.id))
    .limit(limit);
}
