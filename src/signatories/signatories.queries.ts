import { and, asc, eq } from 'drizzle-orm';
import { COUNTED_SIGNATURE_STATES } from '../counts/counters.ts';
import { searchKey, searchNeedles } from '../endorsements/names.ts';
import { db } from '../platform/db/client.ts';
import { signatureSearch, signatures } from '../platform/db/schema.ts';
import { sqlList, sqlText } from '../platform/db/sql.ts';
import { LEVEL, type VerificationLevel } from '../platform/db/states.ts';
import type { Cursor, Signatory } from './signatories.ts';

type Row = Signatory & { id: number };
type RawRow = Omit<Row, 'orcidClaimed'> & { orcidClaimed: number };

// The public ORCID columns: a proven iD is shown (as a link), a typed one only as claimed.
const ORCID_COLUMNS = `verification, CASE WHEN verification = ${sqlText(LEVEL.orcid)} THEN orcid END AS orcid,
  (orcid IS NOT NULL AND verification != ${sqlText(LEVEL.orcid)}) AS orcidClaimed`;

export const DAY_MS = 86_400_000;
// The day of confirmation (UTC), as in the index signatures_wall.
const WALL_DAY = `(confirmed_at / ${DAY_MS})`;

// One page of public signatories, most recent day first and by name within a day, after
// `cursor`, optionally matching `q` in the name or affiliation. Reads limit + 1 rows to
// know if more follow. Times are whole days and the order within a day says nothing of
// who confirmed first, so the list cannot be matched to the public log's entries by time
// (test/privacy/log-join.test.ts). Index: signatures_wall (migration 0014).
export async function listSignatories(
  d1: D1Database,
  pledgeId: number,
  opts: { q?: string; cursor?: Cursor | null; limit: number; level?: VerificationLevel },
): Promise<{ rows: Row[]; more: boolean }> {
  const where = [`pledge_id = ?1`, `state IN (${sqlList(COUNTED_SIGNATURE_STATES)})`, `public = 1`, `hidden = 0`];
  const binds: unknown[] = [pledgeId];
  if (opts.level) {
    binds.push(opts.level);
    where.push(`verification = ?${binds.length}`);
  }
  if (opts.cursor) {
    binds.push(Math.floor(opts.cursor.confirmedAt / DAY_MS), opts.cursor.name, opts.cursor.id);
    const [d, n, i] = [binds.length - 2, binds.length - 1, binds.length];
    where.push(`(${WALL_DAY} < ?${d} OR (${WALL_DAY} = ?${d} AND (name > ?${n} OR (name = ?${n} AND id > ?${i}))))`);
  }
  if (opts.q) {
    await foldSearchKeys(d1);
    binds.push(JSON.stringify(searchNeedles(opts.q)));
    where.push(`EXISTS (SELECT 1 FROM signature_search k WHERE k.signature_id = signatures.id AND ${NEEDLE_MATCH(`?${binds.length}`)})`);
  }
  binds.push(opts.limit + 1);
  const { results } = await d1
    .prepare(
      `SELECT id, name, affiliation, field, ${WALL_DAY} * ${DAY_MS} AS confirmedAt, ${ORCID_COLUMNS} FROM signatures
       WHERE ${where.join(' AND ')} ORDER BY ${WALL_DAY} DESC, name, id LIMIT ?${binds.length}`,
    )
    .bind(...binds)
    .all<RawRow>();
  return { rows: results.slice(0, opts.limit).map((r) => ({ ...r, orcidClaimed: r.orcidClaimed === 1 })), more: results.length > opts.limit };
}

// Whether a search key (k.key) contains any of the needles (a JSON array bound as `param`).
// instr() has no pattern length limit, unlike LIKE on D1 (50 bytes).
export const NEEDLE_MATCH = (param: string) => `EXISTS (SELECT 1 FROM json_each(${param}) n WHERE instr(k.key, n.value) > 0)`;

// Folds the search keys the trigger wrote raw (name and affiliation, lower case) with
// OpenCC, a batch at a time: on search, and from the Cron Trigger. A key whose row
// changed meanwhile is left for the next round (the trigger rewrote it).
export async function foldSearchKeys(d1: D1Database, limit = 200): Promise<number> {
  const d = db(d1);
  const results = await d
    .select({ id: signatureSearch.signatureId, key: signatureSearch.key, name: signatures.name, affiliation: signatures.affiliation })
    .from(signatureSearch)
    .innerJoin(signatures, eq(signatures.id, signatureSearch.signatureId))
    .where(eq(signatureSearch.folded, false))
    .orderBy(asc(signatureSearch.signatureId))
    .limit(limit)
    .all();
  const [first, ...rest] = results.map((r) =>
    d
      .update(signatureSearch)
      .set({ key: searchKey(`${r.name ?? ''} ${r.affiliation ?? ''}`), folded: true })
      .where(and(eq(signatureSearch.signatureId, r.id), eq(signatureSearch.key, r.key), eq(signatureSearch.folded, false))),
  );
  if (first) await d.batch([first, ...rest]);
  return results.length;
}
