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

// Issue 16: the proof that a visitor signed in with ORCID as this iD, for this pledge.
// The sign-in (src/orcid/) seals it under SESSION_SECRET into a cookie; the prefilled
// sign form posts it back as `orcidProof`, and the signature carries `orcidProven`
// through the signature queue and the confirm link to its level.
export type OrcidProof = { pledgeId: number; orcid: string; name: string | null };
export const ORCID_PROOF_PURPOSE = 'orcid-proof:v1';
export const ORCID_PROOF_COOKIE = 'orcid_proof';
export const ORCID_PROOF_TTL_MS = 30 * 60 * 1000;
