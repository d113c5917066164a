// Field error codes -> messages in one language, from a table of per-field messages.
export function translateFieldCodes(table: Record<string, Record<string, string>>, generic: string, codes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(codes)) out[field] = table[field]?.[code] ?? (code === 'unknownField' ? `${generic} (${field})` : generic);
  return out;
}
