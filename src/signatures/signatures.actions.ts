import { hashToken, isTokenShaped, newToken, sameDigest, withdrawTokenFor } from '../platform/crypto/tokens.ts';
import { TransientFailure } from '../platform/http/errors.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import { alreadySignedMail, confirmationMail } from './signatures.mails.ts';
import type { SignatureInput } from './signatures.input.ts';
import { CONFIRM_TOKEN_TTL_MS, duplicateAction, MAX_MAILS_PER_SIGNATURE, type SustainedLimits } from './signatures.ts';
import * as q from './signatures.queries.ts';

// The signing use cases: sign, confirm, withdraw. No HTTP here; routes adapt them.

// defer: runs work after the response (waitUntil); without it the work is awaited.
export type SignDeps = { d1: D1Database; mailer: Mailer; now: number; baseUrl: string; limits: SustainedLimits; defer?: (work: Promise<unknown>) => void };

// Mail delivery failing is retryable: the signature stays stored, and submitting again
// counts as a duplicate, which re-sends the mail.
async function send(mailer: Mailer, mail: Parameters<Mailer['send']>[0]): Promise<void> {
  try {
    await mailer.send(mail);
  } catch (err) {
    throw new TransientFailure(`mail delivery failed: ${err instanceof Error ? err.message : 'error'}`);
  }
}

export type SignTarget = { pledgeId: number; title: string; version: string; lang: Lang };

const HOUR = 60 * 60 * 1000;

async function linkPair(baseUrl: string) {
  const token = newToken();
  const withdrawToken = await withdrawTokenFor(token);
  return {
    confirmHash: await hashToken(token),
    withdrawHash: await hashToken(withdrawToken),
    confirmUrl: `${baseUrl}/confirm/${token}`,
    withdrawUrl: `${baseUrl}/withdraw/${withdrawToken}`,
  };
}

// The follow-up of a submission, off the response path: it starts once the answer has
// gone (a macrotask later), and a failure is logged, never shown. Nothing accepted is
// lost: the row is stored before the answer, and signing again re-sends a lost mail.
async function later(deps: SignDeps, work: () => Promise<void>): Promise<void> {
  if (!deps.defer) return work();
  deps.defer(
    new Promise((resolve) => setTimeout(resolve, 0))
      .then(work)
      .catch((err) => console.error(`sign follow-up failed: ${err instanceof Error ? err.name : 'error'}`)),
  );
}

// Records a signature, or re-sends the right mail for a duplicate. Both outcomes look
// the same to the caller's visitor, so no one can learn who signed: the answer waits
// only for the INSERT, which new and known addresses share; the mail and the duplicate
// handling follow it (deps.defer).
export async function signPledge(deps: SignDeps, target: SignTarget, input: SignatureInput, ipHash: string | null): Promise<'created' | 'duplicate'> {
  const { d1, now } = deps;
  const links = await linkPair(deps.baseUrl);
  const inserted = await q.insertSignature(d1, {
    pledgeId: target.pledgeId,
    lang: target.lang,
    textVersion: target.version,
    name: input.name,
    email: input.email,
    emailKey: input.emailKey,
    emailDomain: input.emailDomain,
    affiliation: input.affiliation,
    title: input.title,
    orcid: input.orcid,
    field: input.field,
    region: input.region,
    public: input.public,
    confirmTokenHash: links.confirmHash,
    withdrawTokenHash: links.withdrawHash,
    tokenExpiresAt: now + CONFIRM_TOKEN_TTL_MS,
    ipHash,
    now,
    limits: {
      since: now - HOUR,
      perIp: deps.limits.perIpHour,
      perDomain: deps.limits.perDomainHour,
      domainExempt: deps.limits.exemptDomains.has(input.emailDomain),
    },
  });
  if (inserted !== null) {
    await later(deps, () => send(deps.mailer, confirmationMail(target.lang, input.email, target.title, links.confirmUrl, links.withdrawUrl)));
    return 'created';
  }
  await later(deps, () => duplicateFollowUp(deps, target, input, links));
  return 'duplicate';
}

// A known address signed again: re-send the confirmation, or remind a confirmed signer.
async function duplicateFollowUp(deps: SignDeps, target: SignTarget, input: SignatureInput, links: Awaited<ReturnType<typeof linkPair>>): Promise<void> {
  const { d1, now } = deps;
  const existing = await q.findByEmailKey(d1, target.pledgeId, input.emailKey);
  if (!existing) return;
  const action = duplicateAction(existing);
  if (action === 'resendConfirmation') {
    if (await q.rotateConfirmTokens(d1, existing.id, links.confirmHash, links.withdrawHash, now + CONFIRM_TOKEN_TTL_MS, MAX_MAILS_PER_SIGNATURE, now)) {
      await send(deps.mailer, confirmationMail(target.lang, existing.email, target.title, links.confirmUrl, links.withdrawUrl));
    }
  } else if (action === 'remindSigned') {
    const withdrawToken = newToken();
    if (await q.rotateWithdrawToken(d1, existing.id, await hashToken(withdrawToken), MAX_MAILS_PER_SIGNATURE, now)) {
      await send(deps.mailer, alreadySignedMail(target.lang, existing.email, target.title, `${deps.baseUrl}/withdraw/${withdrawToken}`));
    }
  }
}

export type ConfirmResult =
  | { ok: true; status: 'confirmed' | 'alreadyConfirmed'; pledgeId: number; lang: string; withdrawToken: string | null; changed: boolean }
  | { ok: false; status: 'invalid' | 'expired' };

async function lookup(token: string, find: (hash: string) => Promise<q.TokenRow | null>, column: 'confirmTokenHash' | 'withdrawTokenHash') {
  if (!isTokenShaped(token)) return null;
  const hash = await hashToken(token);
  const row = await find(hash);
  // The lookup is by hash; the explicit constant-time comparison guards against any
  // future change to how rows are found.
  if (!row || !row[column] || !sameDigest(row[column], hash)) return null;
  return row;
}

export async function confirmSignature(d1: D1Database, token: string, now: number): Promise<ConfirmResult> {
  if (!isTokenShaped(token)) return { ok: false, status: 'invalid' };
  const hash = await hashToken(token);
  const withdrawToken = await withdrawTokenFor(token);
  // Fast path: one statement confirms a pending signature.
  const confirmed = await q.confirmByTokenHash(d1, hash, now);
  if (confirmed && confirmed.confirmTokenHash && sameDigest(confirmed.confirmTokenHash, hash)) {
    const withdrawValid = confirmed.withdrawTokenHash !== null && sameDigest(confirmed.withdrawTokenHash, await hashToken(withdrawToken));
    return { ok: true, status: 'confirmed', pledgeId: confirmed.pledgeId, lang: confirmed.lang, withdrawToken: withdrawValid ? withdrawToken : null, changed: true };
  }
  // Otherwise find out why: already confirmed, held, expired or unknown.
  const row = await lookup(token, (h) => q.findByConfirmHash(d1, h), 'confirmTokenHash');
  if (!row) return { ok: false, status: 'invalid' };
  const withdrawStillValid = row.withdrawTokenHash !== null && sameDigest(row.withdrawTokenHash, await hashToken(withdrawToken));
  const ok = (status: 'confirmed' | 'alreadyConfirmed', changed: boolean): ConfirmResult => ({
    ok: true,
    status,
    pledgeId: row.pledgeId,
    lang: row.lang,
    withdrawToken: withdrawStillValid ? withdrawToken : null,
    changed,
  });
  if (row.state === 'pending') {
    if (row.tokenExpiresAt !== null && now > row.tokenExpiresAt) return { ok: false, status: 'expired' };
    return (await q.markConfirmed(d1, row.id, now)) ? ok('confirmed', true) : ok('alreadyConfirmed', false);
  }
  if (row.state === 'held') {
    if (row.confirmedAt === null && row.tokenExpiresAt !== null && now > row.tokenExpiresAt) return { ok: false, status: 'expired' };
    // Held signatures look confirmed to the signer; they count only once released.
    return (await q.markHeldConfirmed(d1, row.id, now)) ? ok('confirmed', false) : ok('alreadyConfirmed', false);
  }
  if (row.state === 'confirmed') return ok('alreadyConfirmed', false);
  return { ok: false, status: 'invalid' };
}

export type WithdrawResult = { status: 'withdrawn'; pledgeId: number } | { status: 'invalid' };

export async function withdrawSignature(d1: D1Database, token: string, now: number): Promise<WithdrawResult> {
  const row = await lookup(token, (h) => q.findByWithdrawHash(d1, h), 'withdrawTokenHash');
  if (!row) return { status: 'invalid' };
  const pledgeId = await q.markWithdrawn(d1, row.id, now);
  return pledgeId === null ? { status: 'invalid' } : { status: 'withdrawn', pledgeId };
}

// Whether a token link points at a live signature, for the GET pages (changes nothing).
export async function peekConfirmToken(d1: D1Database, token: string): Promise<boolean> {
  return (await lookup(token, (h) => q.findByConfirmHash(d1, h), 'confirmTokenHash')) !== null;
}

export async function peekWithdrawToken(d1: D1Database, token: string): Promise<boolean> {
  return (await lookup(token, (h) => q.findByWithdrawHash(d1, h), 'withdrawTokenHash')) !== null;
}

// The signature a confirm or withdraw link belongs to (for receipts; changes nothing).
export async function signatureForToken(d1: D1Database, token: string): Promise<{ id: number; pledgeId: number; state: string } | null> {
  const row =
    (await lookup(token, (h) => q.findByConfirmHash(d1, h), 'confirmTokenHash')) ?? (await lookup(token, (h) => q.findByWithdrawHash(d1, h), 'withdrawTokenHash'));
  return row ? { id: row.id, pledgeId: row.pledgeId, state: row.state } : null;
}
