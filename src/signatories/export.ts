import { listSignatories } from './signatories.queries.ts';
import { CSV_HEADER, type Cursor, csvRow, type Signatory } from './signatories.ts';

const PAGE = 1000;

// The whole public list as CSV or a JSON array, streamed page by page (keyset
// pagination), so a long list never sits in memory at once.
export function exportSignatories(d1: D1Database, pledgeId: number, format: 'csv' | 'json'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const { rows, more } = await listSignatories(d1, pledgeId, { cursor, limit: PAGE });
      let chunk = '';
      if (first) chunk += format === 'csv' ? `\uFEFF${CSV_HEADER}\r\n` : '[';
      for (const row of rows) {
        const s: Signatory = {
          name: row.name,
          affiliation: row.affiliation,
          field: row.field,
          confirmedAt: row.confirmedAt,
          verification: row.verification,
          orcid: row.orcid,
          orcidClaimed: row.orcidClaimed,
        };
        chunk += format === 'csv' ? `${csvRow(s)}\r\n` : `${first ? '\n' : ',\n'}${JSON.stringify(s)}`;
        first = false;
      }
      first = false;
      const last = rows.at(-1);
      if (more && last) cursor = { confirmedAt: last.confirmedAt, name: last.name, id: last.id };
      else {
        done = true;
        if (format === 'json') chunk += '\n]\n';
      }
      controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
}
