// The public signer list: rules free of HTTP and storage. Only confirmed signers who
// consented (public = 1) and whom no organiser hid are ever listed, and only their
// name, affiliation, field and confirmation day (confirmedAt: ms at 00:00 UTC), and how
// strongly they are verified (issue 16): the level, the ORCID iD they proved (null
// unless the level is orcid), and whether they typed an iD without proving it.
export type Signatory = { name: string; affiliation: string; field: string; confirmedAt: number; verification: string; orcid: string | null; orcidClaimed: boolean };

// Opaque keyset cursor: the position after the last row of a page (day, name, id).
export type Cursor = { confirmedAt: number; name: string; id: number };

export function encodeCursor(c: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([c.confirmedAt, c.name, c.id]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const raw = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const v = JSON.parse(new TextDecoder().decode(Uint8Array.from(raw, (ch) => ch.charCodeAt(0)))) as unknown;
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [confirmedAt, name, id] = v as [unknown, unknown, unknown];
    if (!Number.isSafeInteger(confirmedAt) || typeof name !== 'string' || name.length > 500 || !Number.isSafeInteger(id)) return null;
    return { confirmedAt: confirmedAt as number, name, id: id as number };
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

export const CSV_HEADER = 'name,affiliation,field,confirmed_at,verification,orcid,orcid_claimed';

export function csvRow(s: Signatory): string {
  return [s.name, s.affiliation, s.field, new Date(s.confirmedAt).toISOString(), s.verification, s.orcid ?? '', s.orcidClaimed ? '1' : '0'].map(csvCell).join(',');
}
