// ORCID iD: 16 characters in four groups, the last a check digit by ISO 7064 MOD 11-2
// (https://support.orcid.org/hc/en-us/articles/360006897674). Accepts an https://orcid.org/
// prefix and a lowercase x, and returns the canonical 0000-0000-0000-000X form or null.
export function normaliseOrcid(input: string): string | null {
  const m = /^(?:https?:\/\/orcid\.org\/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/.exec(input.trim());
  if (!m) return null;
  const digits = (m[1]! + m[2] + m[3] + m[4]).toUpperCase();
  return orcidCheckDigit(digits.slice(0, 15)) === digits[15] ? `${m[1]}-${m[2]}-${m[3]}-${m[4]!.toUpperCase()}` : null;
}

export function orcidCheckDigit(base15: string): string {
  let total = 0;
  for (const ch of base15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}
