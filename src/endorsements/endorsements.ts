import { ENDORSEMENT, type EndorsementState } from '../platform/db/states.ts';
import { FIELDS } from '../signatures/signatures.ts';

// Endorsement states and rules (no HTTP, no storage). The states are values of a
// column, so they live with the schema (src/platform/db/states.ts):
// pending (contact email unconfirmed) -> confirmed (awaiting an organiser) -> verified | rejected
export type { EndorsementState } from '../platform/db/states.ts';

// Named groups: what an organiser may act on. What counts is in src/counts/counters.ts.
export const VERIFIABLE_STATES: readonly EndorsementState[] = [ENDORSEMENT.confirmed];
export const REJECTABLE_STATES: readonly EndorsementState[] = [ENDORSEMENT.pending, ENDORSEMENT.confirmed, ENDORSEMENT.verified];

// The organisers' queue speaks of what they wait for: "pending" is awaiting the
// organiser (email confirmed); "unconfirmed" is still awaiting the contact's email.
export const QUEUE_STATES = { unconfirmed: ENDORSEMENT.pending, pending: ENDORSEMENT.confirmed, verified: ENDORSEMENT.verified, rejected: ENDORSEMENT.rejected } as const;
export type QueueState = keyof typeof QUEUE_STATES;

// Society categories use the same vocabulary as signers' fields.
export const CATEGORIES = FIELDS;
export type Category = (typeof CATEGORIES)[number];

export const ENDORSE_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_MAILS_PER_ENDORSEMENT = 5;

// A website as given ("www.cms.org.cn", "https://cms.org.cn/about") -> its canonical
// URL and the host used to recognise the society (lower case, no "www.").
export function parseWebsite(input: string): { url: string; host: string } | null {
  const raw = input.normalize('NFKC').trim();
  if (!raw || raw.length > 300 || /\s/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  const host = url.hostname.replace(/^www\./, '');
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l)) || /^\d+$/.test(labels.at(-1) ?? '')) return null;
  url.hash = '';
  return { url: url.toString(), host };
}

// Whether the contact's email domain belongs to the society's website (a hint for the
// organiser who verifies, not a rule: some societies use a parent body's mail).
export function emailMatchesWebsite(emailDomain: string, websiteHost: string | null): boolean {
  if (!websiteHost) return false;
  const d = emailDomain.toLowerCase();
  return d === websiteHost || d.endsWith(`.${websiteHost}`) || websiteHost.endsWith(`.${d}`);
}

// What a new submission for a society that already has a row for this pledge means.
export type ExistingEndorsement = { state: string; tokenExpiresAt: number | null };

export function resubmission(existing: ExistingEndorsement, now: number): 'replace' | 'alreadyEndorsing' | 'alreadySubmitted' {
  if (existing.state === ENDORSEMENT.verified) return 'alreadyEndorsing';
  if (existing.state === ENDORSEMENT.rejected) return 'replace';
  if (existing.state === ENDORSEMENT.pending && existing.tokenExpiresAt !== null && now > existing.tokenExpiresAt) return 'replace';
  return 'alreadySubmitted';
}
