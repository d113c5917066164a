import { COUNTED_SIGNATURE_STATES } from '../counts/counters.ts';
import { sqlList } from '../platform/db/sql.ts';
import { containsPattern, type Cursor, type Signatory } from './signatories.ts';

type Row = Signatory & { id: number };

// One page of public signatories, most recent first, after `cursor`, optionally
// matching `q` in the name or affiliation. Reads limit + 1 rows to know if more follow.
export async function listSignatories(d1: D1Database, pledgeId: number, opts: { q?: string; cursor?: Cursor | null; limit: number }): Promise<{ rows: Row[]; more: boolean }> {
  const where = [`pledge_id = ?1`, `state IN (${sqlList(COUNTED_SIGNATURE_STATES)})`, `public = 1`, `hidden = 0`];
  const binds: unknown[] = [pledgeId];
  if (opts.cursor) {
    binds.push(opts.cursor.confirmedAt, opts.cursor.id);
    where.push(`(confirmed_at < ?${binds.length - 1} OR (confirmed_at = ?${binds.length - 1} AND id < ?${binds.length}))`);
  }
  if (opts.q) {
    binds.push(containsPattern(opts.q));
    where.push(`(name LIKE ?${binds.length} ESCAPE '\\' OR affiliation LIKE ?${binds.length} ESCAPE '\\')`);
  }
  binds.push(opts.limit + 1);
  const { results } = await d1
    .prepare(
      `SELECT id, name, affiliation, field, confirmed_at AS confirmedAt FROM signatures
       WHERE ${where.join(' AND ')} ORDER BY confirmed_at DESC, id DESC LIMIT ?${binds.length}`,
    )
    .bind(...binds)
    .all<Row>();
  return { rows: results.slice(0, opts.limit), more: results.length > opts.limit };
}
