import { submissionSearchKey } from '../endorsements/endorsements.actions.ts';
import { DETAIL, type EndorsementDetail } from '../endorsements/endorsements.queries.ts';
import { searchKey, searchNeedles } from '../endorsements/names.ts';
import { sqlText } from '../platform/db/sql.ts';
import { ENDORSEMENT } from '../platform/db/states.ts';
import { BULK_SAMPLE, type QueueCursor, type QueueSignals } from './endorsement-queue.ts';

// Storage for the organisers' endorsement queue: keyset pages with the true total,
// search by folded key (instr(), any length and script), signals, bulk rejection.

export type QueueFilter = { state: string; pledgeId: number | null; q: string | null; ipHash?: string | null; emailDomain?: string | null };

// The queue's order: when the submission reached the organiser (confirmed), then id.
const AT = 'coalesce(e.confirmed_at, e.created_at)';

// ?1 state, ?2 pledge, ?3 needles (JSON array) or null, ?4 IP hash, ?5 email domain.
const WHERE = `e.state = ?1 AND (?2 IS NULL OR e.pledge_id = ?2) AND e.founding = 0
  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(?3) n WHERE instr(e.search_key, n.value) > 0))
  AND (?4 IS NULL OR e.ip_hash = ?4)
  AND (?5 IS NULL OR substr(e.contact_email, instr(e.contact_email, '@') + 1) = ?5)`;

const binds = (f: QueueFilter) => [f.state, f.pledgeId, f.q ? JSON.stringify(searchNeedles(f.q)) : null, f.ipHash ?? null, f.emailDomain ?? null] as const;

// Gives the search key to submissions stored before it existed (and founders), a batch
// at a time, so that every row can be found.
export async function ensureEndorsementSearchKeys(d1: D1Database, batch = 500): Promise<number> {
  const { results } = await d1.prepare(`${DETAIL} WHERE e.search_key IS NULL ORDER BY e.id LIMIT ?1`).bind(batch).all<EndorsementDetail>();
  if (results.length === 0) return 0;
  await d1.batch(
    results.map((e) => {
      const key = submissionSearchKey({
        submittedName: e.submittedName,
        nameHans: e.nameHans,
        nameHant: e.nameHant,
        nameEn: e.nameEn ?? e.submittedNameEn,
        website: e.submittedWebsite ?? e.website,
        websiteHost: e.websiteHost,
        emailDomain: e.contactEmail?.split('@')[1] ?? null,
      });
      return d1.prepare('UPDATE endorsements SET search_key = ?2 WHERE id = ?1 AND search_key IS NULL').bind(e.id, key || searchKey(`#${e.id}`));
    }),
  );
  return results.length;
}

export type QueueRow = EndorsementDetail & QueueSignals & { queuedAt: number };

// One page after `cursor`, oldest or newest first, the total matching the filter, and
// for each row its signals (submissions sharing its contact address or IP hash).
export async function listQueue(
  d1: D1Database,
  f: QueueFilter,
  page: { sort: 'oldest' | 'newest'; cursor: QueueCursor | null; limit: number },
): Promise<{ rows: QueueRow[]; more: boolean; total: number }> {
  if (f.q) await ensureEndorsementSearchKeys(d1);
  const dir = page.sort === 'newest' ? 'DESC' : 'ASC';
  const after = page.cursor
    ? page.sort === 'newest'
      ? `AND (${AT} < ?6 OR (${AT} = ?6 AND e.id < ?7))`
      : `AND (${AT} > ?6 OR (${AT} = ?6 AND e.id > ?7))`
    : 'AND ?6 IS NULL AND ?7 IS NULL';
  const [list, count] = await d1.batch([
    d1
      .prepare(
        `SELECT d.*, (SELECT count(*) FROM endorsements x WHERE x.contact_email = d.contactEmail) AS sameContact,
           (SELECT count(*) FROM endorsements x WHERE x.ip_hash = d.ipHash) AS sameIp
         FROM (${DETAIL.replace('SELECT e.id,', `SELECT ${AT} AS queuedAt, e.id,`)} WHERE ${WHERE} ${after} ORDER BY ${AT} ${dir}, e.id ${dir} LIMIT ?8) d
         ORDER BY d.queuedAt ${dir}, d.id ${dir}`,
      )
      .bind(...binds(f), page.cursor?.at ?? null, page.cursor?.id ?? null, page.limit + 1),
    d1.prepare(`SELECT count(*) AS total FROM endorsements e WHERE ${WHERE}`).bind(...binds(f)),
  ]);
  const rows = (list?.results ?? []) as QueueRow[];
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit, total: (count?.results[0] as { total: number } | undefined)?.total ?? 0 };
}

export type RejectPreview = { matching: number; sample: QueueRow[] };

export async function previewReject(d1: D1Database, f: QueueFilter): Promise<RejectPreview> {
  const { rows, total } = await listQueue(d1, f, { sort: 'oldest', cursor: null, limit: BULK_SAMPLE });
  return { matching: total, sample: rows };
}

// One batch, all or nothing: every matching row becomes rejected (a verified one would
// leave the total by trigger, but only pending and confirmed rows are ever matched here),
// and the audit entry lists exactly the rows this run changed. No mail is sent: a flood's
// contact addresses are not ours to write to.
export async function rejectBulk(d1: D1Database, f: QueueFilter, reason: string, now: number, actor: string): Promise<number[]> {
  if (f.state !== 'pending' && f.state !== 'confirmed') return [];
  if (f.q) await ensureEndorsementSearchKeys(d1);
  const [changed] = await d1.batch<{ id: number }>([
    d1
      .prepare(
        `UPDATE endorsements AS e SET state = ${sqlText(ENDORSEMENT.rejected)}, rejected_at = ?6, reject_reason = ?7, token_hash = NULL, token_expires_at = NULL
         WHERE ${WHERE} RETURNING id`,
      )
      .bind(...binds(f), now, reason),
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, created_at)
         SELECT ?1, 'endorsements.bulk-reject', 'endorsements:' || count(*), json_object('filter', json(?2), 'reason', ?4, 'ids', json_group_array(id)), ?3
         FROM (SELECT id FROM endorsements WHERE state = ${sqlText(ENDORSEMENT.rejected)} AND rejected_at = ?3 AND reject_reason = ?4 ORDER BY id)`,
      )
      .bind(actor, JSON.stringify(f), now, reason),
  ]);
  return (changed?.results ?? []).map((r) => r.id);
}
