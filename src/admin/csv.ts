// CSV for organisers (RFC 4180), safe to open in a spreadsheet: a cell that begins
// with = + - @, a tab or a carriage return is prefixed with an apostrophe so it is read
// as text, never as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = neutralise(typeof value === 'string' ? value : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv<T extends Record<string, unknown>>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  // A byte-order mark so spreadsheet programs read UTF-8 (Chinese names) correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function isoTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}
