import { containsPattern, type Cursor, type Signatory } from './signatories.ts';

type Row = Signatory & { id: number };

export const DAY_MS = 86_400_000;
// The day of confirmation (UTC), as in the index signatures_wall.
const WALL_DAY = `(confirmed_at / ${DAY_MS})`;

// One page of public signatories, most recent day first and by name within a day, after
// `cursor`, optionally matching `q` in the name or affiliation. Reads limit + 1 rows to
// know if more follow. Times are whole days and the order within a day says nothing of
// who confirmed first, so the list cannot be matched to the public log's entries by time
// (test/privacy/log-join.test.ts). Index: signatures_wall (migration 0014).
export async function listSignatories(d1: D1Database, pledgeId: number, opts: { q?: string; cursor?: Cursor | null; limit: number }): Promise<{ rows: Row[]; more: boolean }> {
  const where = [`pledge_id = ?1`, `state = 'confirmed'`, `public = 1`, `hidden = 0`];
  const binds: unknown[] = [pledgeId];
  if (opts.cursor) {
    binds.push(Math.floor(opts.cursor.confirmedAt / DAY_MS), opts.cursor.name, opts.cursor.id);
    const [d, n, i] = [binds.length - 2, binds.length - 1, binds.length];
    where.push(`(${WALL_DAY} < ?${d} OR (${WALL_DAY} = ?${d} AND (name > ?${n} OR (name = ?${n} AND id > ?${i}))))`);
  }
  if (opts.q) {
    binds.push(containsPattern(opts.q));
    where.push(`(name LIKE ?${binds.length} ESCAPE '\\' OR affiliation LIKE ?${binds.length} ESCAPE '\\')`);
  }
  binds.push(opts.limit + 1);
  const { results } = await d1
    .prepare(
      `SELECT id, name, affiliation, field, ${WALL_DAY} * ${DAY_MS} AS confirmedAt FROM signatures
       WHERE ${where.join(' AND ')} ORDER BY ${WALL_DAY} DESC, name, id LIMIT ?${binds.length}`,
    )
    .bind(...binds)
    .all<Row>();
  return { rows: results.slice(0, opts.limit), more: results.length > opts.limit };
}
