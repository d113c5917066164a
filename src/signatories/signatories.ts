// The public signer list: rules free of HTTP and storage. Only confirmed signers who
// consented (public = 1) and whom no organiser hid are ever listed, and only their
// name, affiliation, field and confirmation time.
export type Signatory = { name: string; affiliation: string; field: string; confirmedAt: number };

// Opaque keyset cursor: the position after the last row of a page.
export type Cursor = { confirmedAt: number; id: number };

export function encodeCursor(c: Cursor): string {
  return btoa(`${c.confirmedAt}.${c.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const [a, b, ...rest] = atob(s.replace(/-/g, '+').replace(/_/g, '/')).split('.');
    const confirmedAt = Number(a);
    const id = Number(b);
    if (rest.length || !Number.isSafeInteger(confirmedAt) || !Number.isSafeInteger(id)) return null;
    return { confirmedAt, id };
  } catch {
    return null;
  }
}

// A CSV cell that spreadsheets will not run as a formula: cells starting with = + - @,
// a tab or a carriage return get a leading apostrophe (OWASP's advice). Always quoted.
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = 'name,affiliation,field,confirmed_at';

export function csvRow(s: Signatory): string {
  return [s.name, s.affiliation, s.field, new Date(s.confirmedAt).toISOString()].map(csvCell).join(',');
}
