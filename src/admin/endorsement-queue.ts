import { emailMatchesWebsite, parseWebsite } from '../endorsements/endorsements.ts';
import type { EndorsementDetail } from '../endorsements/endorsements.queries.ts';

// Rules of the organisers' endorsement queue (no HTTP, no storage).

// What the organiser judges is the submission: the society row holds only verified
// details, so a new society's website and English name are read from what was
// submitted. The signals: whether the contact's email domain belongs to the submitted
// website, and how many submissions share this contact address or network (IP hash).
export type QueueSignals = { sameContact?: number; sameIp?: number };

export function endorsementItem(e: EndorsementDetail & QueueSignals) {
  const emailDomain = e.contactEmail?.split('@')[1] ?? '';
  const submitted = e.submittedWebsite ? parseWebsite(e.submittedWebsite) : null;
  const host = submitted?.host ?? e.websiteHost;
  return {
    ...e,
    founding: !!e.founding,
    nameEn: e.nameEn ?? e.submittedNameEn,
    website: e.website ?? e.submittedWebsite,
    websiteHost: e.websiteHost ?? submitted?.host ?? null,
    emailMatchesWebsite: emailMatchesWebsite(emailDomain, host),
    signals: { emailMatchesWebsite: emailMatchesWebsite(emailDomain, host), sameContact: e.sameContact ?? null, sameIp: e.sameIp ?? null },
  };
}
