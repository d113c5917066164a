import type { EndorsementDetail } from '../endorsements/endorsements.queries.ts';
import { emailMatchesWebsite, parseWebsite } from '../endorsements/endorsements.ts';

// Rules of the organisers' endorsement queue (no HTTP, no storage).

export const QUEUE_LIMIT = { default: 50, max: 200 } as const;
// How many matching rows a bulk rejection preview shows.
export const BULK_SAMPLE = 10;

// Keyset cursor: the position (queue time, id) after the last row of a page. Opaque to
// clients (base64url); any other string is refused.
export type QueueCursor = { at: number; id: number };

export function encodeQueueCursor(c: QueueCursor): string {
  return btoa(`q.${c.at}.${c.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeQueueCursor(s: string): QueueCursor | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(s)) return null;
  try {
    const m = /^q\.(\d{1,16})\.(\d{1,16})$/.exec(atob(s.replace(/-/g, '+').replace(/_/g, '/')));
    if (!m) return null;
    const at = Number(m[1]);
    const id = Number(m[2]);
    return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at, id } : null;
  } catch {
    return null;
  }
}

// What the organiser judges is the submission: the society row holds only verified
// details, so a new society's website and English name are read from what was
// submitted. The signals: whether the contact's email domain belongs to the submitted
// website, and how many submissions share this contact address or network (IP hash).
export type QueueSignals = { sameContact?: number | null; sameIp?: number | null };

export function endorsementItem(e: EndorsementDetail & QueueSignals) {
  const { sameContact, sameIp, ...rest } = e;
  const emailDomain = e.contactEmail?.split('@')[1] ?? '';
  const submitted = e.submittedWebsite ? parseWebsite(e.submittedWebsite) : null;
  const matches = emailMatchesWebsite(emailDomain, submitted?.host ?? e.websiteHost);
  return {
    ...rest,
    founding: !!e.founding,
    nameEn: e.nameEn ?? e.submittedNameEn,
    website: e.website ?? e.submittedWebsite,
    websiteHost: e.websiteHost ?? submitted?.host ?? null,
    emailMatchesWebsite: matches,
    signals: { emailMatchesWebsite: matches, sameContact: sameContact ?? null, sameIp: e.ipHash === null ? null : (sameIp ?? null) },
  };
}
