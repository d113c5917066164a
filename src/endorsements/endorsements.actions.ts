import { hashToken, isTokenShaped, newToken, sameDigest } from '../platform/crypto/tokens.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import { recipientKey, recordMail, reserveMail } from '../platform/mail/ledger.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import { societyName } from '../pledges/pledges.queries.ts';
import { normaliseEmail } from '../signatures/email.ts';
import type { EndorsementInput } from './endorsements.input.ts';
import { endorseConfirmationMail, endorsementRejectedMail, endorsementVerifiedMail } from './endorsements.mails.ts';
import * as q from './endorsements.queries.ts';
import { ENDORSE_TOKEN_TTL_MS, MAX_MAILS_PER_ENDORSEMENT, parseWebsite, resubmission } from './endorsements.ts';
import { hasHan, nameForms, searchKey } from './names.ts';

// The endorsement use cases: submit, confirm (by the contact), verify and reject (by an
// organiser). No HTTP here; routes adapt them.

// mailKeySecret keys the mail ledger (src/platform/mail/ledger.ts): IP_HASH_SECRET.
export type EndorseDeps = { d1: D1Database; mailer: Mailer; now: number; baseUrl: string; mailKeySecret: string };
export type EndorseTarget = { pledgeId: number; title: string; lang: Lang };

export type SubmitResult = { ok: true; id: number; societyId: number; linked: boolean } | { ok: false; codes: Record<string, string> };

// Records a pending endorsement for a known or new society and mails the contact a link.
export async function submitEndorsement(deps: EndorseDeps, target: EndorseTarget, input: EndorsementInput, ipHash: string | null): Promise<SubmitResult> {
  const { d1, now } = deps;
  const society = { nameHans: input.nameHans, nameHant: input.nameHant, nameEn: input.nameEn, website: input.website, websiteHost: input.websiteHost, category: input.category };
  const match = await q.findSociety(d1, { hans: input.nameHans, hant: input.nameHant, en: input.nameEn }, input.websiteHost);
  const field = match?.by ?? 'name';
  if (match) {
    const existing = await q.findEndorsement(d1, target.pledgeId, match.id);
    if (existing) {
      const verdict = resubmission(existing, now);
      if (verdict !== 'replace') return { ok: false, codes: { [field]: verdict } };
    }
  }
  const societyId = match ? match.id : await q.insertSociety(d1, society);
  const token = newToken();
  const upserted = await q.upsertPendingEndorsement(d1, {
    pledgeId: target.pledgeId,
    societyId,
    contactName: input.contactName,
    contactRole: input.contactRole,
    contactEmail: input.email,
    statement: input.statement,
    submittedName: input.submittedName,
    submittedWebsite: input.website,
    submittedNameEn: input.nameEn,
    searchKey: submissionSearchKey({ ...input, emailDomain: input.emailDomain }),
    lang: target.lang,
    tokenHash: await hashToken(token),
    tokenExpiresAt: now + ENDORSE_TOKEN_TTL_MS,
    ipHash,
    now,
  });
  // Lost a race with another submission for the same society.
  if (upserted === null) return { ok: false, codes: { [field]: 'alreadySubmitted' } };
  const { id } = upserted;
  // Within this endorsement's budget and the recipient's cap across every flow; past
  // either, nothing is sent and the answer is the same.
  if (
    upserted.mailsSent <= MAX_MAILS_PER_ENDORSEMENT &&
    (await reserveMail(d1, await recipientKey(deps.mailKeySecret, input.emailKey), target.pledgeId, 'endorsement.confirm', now))
  ) {
    const name = societyName(society, target.lang);
    await deps.mailer.send(endorseConfirmationMail(target.lang, input.email, name, target.title, `${deps.baseUrl}/endorse/confirm/${token}?lang=${target.lang}`));
  }
  return { ok: true, id, societyId, linked: match !== null };
}

// What an organiser finds a submission by: its names in every form, website host and
// URL, and the contact's email domain, folded (either Chinese script, any case).
export function submissionSearchKey(s: {
  submittedName: string | null;
  nameHans: string | null;
  nameHant: string | null;
  nameEn: string | null;
  website: string | null;
  websiteHost: string | null;
  emailDomain: string | null;
}): string {
  return searchKey([s.submittedName, s.nameHans, s.nameHant, s.nameEn, s.websiteHost, s.website, s.emailDomain ? `@${s.emailDomain}` : null].filter(Boolean).join(' | '));
}

async function lookup(d1: D1Database, token: string) {
  if (!isTokenShaped(token)) return null;
  const hash = await hashToken(token);
  const row = await q.findByTokenHash(d1, hash);
  if (!row || !row.tokenHash || !sameDigest(row.tokenHash, hash)) return null;
  return row;
}

export type SocietyNames = { nameHans: string | null; nameHant: string | null; nameEn: string | null };
export type EndorseConfirmResult = { ok: true; pledgeId: number; society: SocietyNames } | { ok: false; status: 'invalid' | 'expired' };

const namesOf = (row: SocietyNames): SocietyNames => ({ nameHans: row.nameHans, nameHant: row.nameHant, nameEn: row.nameEn });

export async function confirmEndorsement(d1: D1Database, token: string, now: number): Promise<EndorseConfirmResult> {
  const row = await lookup(d1, token);
  if (!row || row.state !== 'pending') return { ok: false, status: 'invalid' };
  if (row.tokenExpiresAt !== null && now > row.tokenExpiresAt) return { ok: false, status: 'expired' };
  return (await q.markConfirmed(d1, row.id, now)) ? { ok: true, pledgeId: row.pledgeId, society: namesOf(row) } : { ok: false, status: 'invalid' };
}

// For the GET page: whether the link points at an endorsement awaiting confirmation,
// and which pledge and society it is about.
export async function peekEndorseToken(
  d1: D1Database,
  token: string,
  now: number,
): Promise<{ state: 'ok'; pledgeId: number; society: SocietyNames } | { state: 'invalid' | 'expired' }> {
  const row = await lookup(d1, token);
  if (!row || row.state !== 'pending') return { state: 'invalid' };
  return row.tokenExpiresAt !== null && now > row.tokenExpiresAt ? { state: 'expired' } : { state: 'ok', pledgeId: row.pledgeId, society: namesOf(row) };
}

export type ReviewDeps = EndorseDeps & { pledgeTitle: (pledgeId: number, lang: Lang) => Promise<string> };
export type ReviewResult = { ok: true; endorsement: q.EndorsementDetail } | { ok: false; status: 'notFound' | 'wrongState' };

// An organiser's notice is recorded in the recipient's mail ledger; an organiser's own
// action is not capped (the cap is for mails someone else can trigger).
async function recordNotice(deps: EndorseDeps, address: string, pledgeId: number, kind: string): Promise<void> {
  const normalised = normaliseEmail(address);
  if (normalised) await recordMail(deps.d1, await recipientKey(deps.mailKeySecret, normalised.key), pledgeId, kind, deps.now);
}

function contactLang(lang: string): Lang {
  return isLang(lang) ? lang : 'zh-Hans';
}

// confirmed -> verified, then tells the contact. The state change, the society's new
// details and any extra statements the caller adds (the audit entry) run as one D1
// batch: all or nothing. The total follows by trigger. The mail is a courtesy: if it
// fails the verification stands, and the failure is logged.
export async function verifyEndorsement(deps: ReviewDeps, id: number, alongside: (endorsementId: number, at: number) => D1PreparedStatement[] = () => []): Promise<ReviewResult> {
  const e = await q.getEndorsement(deps.d1, id);
  if (!e) return { ok: false, status: 'notFound' };
  // Exactly what this submission said, now vetted: it becomes the society's public
  // identity if nothing verified vouches for the society yet.
  const website = e.submittedWebsite ? parseWebsite(e.submittedWebsite) : null;
  const forms = e.submittedName ? nameForms(e.submittedName) : { hans: null, hant: null, en: null };
  const nameEn = e.submittedNameEn ?? forms.en;
  const vetted = { nameHans: forms.hans, nameHant: forms.hant, nameEn, website: website?.url ?? null, websiteHost: website?.host ?? null };
  const [verified] = await deps.d1.batch([
    q.markVerifiedStatement(deps.d1, id, deps.now),
    q.completeSocietyStatement(deps.d1, e.societyId, vetted, { endorsementId: id, at: deps.now }),
    ...alongside(id, deps.now),
  ]);
  if (!verified?.results.length) return { ok: false, status: 'wrongState' };
  if (e.contactEmail) {
    const lang = contactLang(e.lang);
    try {
      const title = await deps.pledgeTitle(e.pledgeId, lang);
      await recordNotice(deps, e.contactEmail, e.pledgeId, 'endorsement.verified');
      await deps.mailer.send(endorsementVerifiedMail(lang, e.contactEmail, societyName(e, lang), title, `${deps.baseUrl}/p/${e.pledgeSlug}?lang=${lang}`));
    } catch (err) {
      console.error(`verification mail failed for endorsement ${id}: ${err instanceof Error ? err.name : 'error'}`);
    }
  }
  return { ok: true, endorsement: { ...e, state: 'verified', verifiedAt: deps.now } };
}

export async function rejectEndorsement(deps: ReviewDeps, id: number, reason: string): Promise<ReviewResult> {
  const e = await q.getEndorsement(deps.d1, id);
  if (!e) return { ok: false, status: 'notFound' };
  if (!(await q.markRejected(deps.d1, id, reason, deps.now))) return { ok: false, status: 'wrongState' };
  // Only a contact who confirmed their address hears back (an unconfirmed one may not be theirs).
  if (e.contactEmail && e.confirmedAt !== null) {
    const lang = contactLang(e.lang);
    const title = await deps.pledgeTitle(e.pledgeId, lang);
    await recordNotice(deps, e.contactEmail, e.pledgeId, 'endorsement.rejected');
    await deps.mailer.send(endorsementRejectedMail(lang, e.contactEmail, societyName(e, lang), title, reason));
  }
  return { ok: true, endorsement: { ...e, state: 'rejected', rejectedAt: deps.now, rejectReason: reason } };
}
