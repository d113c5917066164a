import { hashToken, isTokenShaped, newToken, sameDigest, withdrawTokenFor } from '../platform/crypto/tokens.ts';
import { db } from '../platform/db/client.ts';
import { TransientFailure } from '../platform/http/errors.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import { recipientKey, reserveMailStatement } from '../platform/mail/ledger.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import type { SignatureInput } from './signatures.input.ts';
import { alreadySignedMail, confirmationMail } from './signatures.mails.ts';
import * as q from './signatures.queries.ts';
import { CONFIRM_TOKEN_TTL_MS, duplicateAction, MAX_MAILS_PER_SIGNATURE, type SustainedLimits } from './signatures.ts';
import { listDomainRules } from './verification.queries.ts';
import { type DomainRule, levelOf } from './verification.ts';

// The signing use cases: sign, confirm, withdraw. No HTTP here; routes adapt them.

// mailKeySecret keys the mail ledger (src/platform/mail/ledger.ts): IP_HASH_SECRET.
// domainRules: the organisers' institution domains, when the caller already read them
// (the queue consumer reads them once per batch); else read here.
export type SignDeps = {
  d1: D1Database;
  mailer: Mailer;
  now: number;
  baseUrl: string;
  limits: SustainedLimits;
  mailKeySecret: string;
  domainRules?: readonly DomainRule[];
};
export type MailDeps = Pick<SignDeps, 'd1' | 'mailer' | 'now' | 'baseUrl' | 'mailKeySecret'>;

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

// Links carry ?lang= of the language signed in, so the pages they open speak it too.
async function linkPair(baseUrl: string, lang: Lang) {
  const token = newToken();
  const withdrawToken = await withdrawTokenFor(token);
  return {
    confirmHash: await hashToken(token),
    withdrawHash: await hashToken(withdrawToken),
    confirmUrl: `${baseUrl}/confirm/${token}?lang=${lang}`,
    withdrawUrl: `${baseUrl}/withdraw/${withdrawToken}?lang=${lang}`,
  };
}

// Which token authorises the manage page (issue 15): a token of its own kind, 'manage',
// not the withdraw token. Every signer mail (confirmation, reminder, update) carries a
// fresh one, stored as a SHA-256 hash like every link, without expiry, erased with the
// others on withdrawal (trigger). Its own kind keeps the existing withdraw-only links
// (thank-you page, older mails) as powerful as they were, and the unsubscribe links of
// update mails, which mail providers fetch and keep (RFC 8058), can only unsubscribe.
export async function manageLink(baseUrl: string, lang: Lang): Promise<{ url: string; token: q.NewToken }> {
  const token = newToken();
  return { url: `${baseUrl}/manage/${token}?lang=${lang}`, token: { hash: await hashToken(token), kind: 'manage', details: null, expiresAt: null } };
}

type Recipient = { id: number; pledgeId: number; email: string; emailKey: string };

// One batch: reserve a mail in the recipient's ledger (the cap across every flow) and,
// only if reserved, add the links the mail will carry. false: send nothing.
async function reserveAndAdd(deps: MailDeps, sig: Recipient, kind: string, tokens: q.NewToken[]): Promise<boolean> {
  const key = await recipientKey(deps.mailKeySecret, sig.emailKey);
  const [reserved] = await deps.d1.batch([reserveMailStatement(deps.d1, key, sig.pledgeId, kind, deps.now), ...q.addTokenStatements(deps.d1, sig.id, tokens, deps.now)]);
  return (reserved?.results.length ?? 0) > 0;
}

// Mails a new confirm link bound to these details (older links stay valid for theirs),
// within the recipient's mail cap.
async function mailConfirmLink(deps: MailDeps, sig: Recipient, target: { title: string; lang: Lang }, details: q.SignatureDetails): Promise<void> {
  const links = await linkPair(deps.baseUrl, target.lang);
  const manage = await manageLink(deps.baseUrl, target.lang);
  const tokens: q.NewToken[] = [
    { hash: links.confirmHash, kind: 'confirm', details, expiresAt: deps.now + CONFIRM_TOKEN_TTL_MS },
    { hash: links.withdrawHash, kind: 'withdraw', details: null, expiresAt: null },
    manage.token,
  ];
  if (!(await reserveAndAdd(deps, sig, 'signature.confirm', tokens))) return;
  await send(deps.mailer, confirmationMail(target.lang, sig.email, target.title, links.confirmUrl, links.withdrawUrl, details, manage.url));
}

// Records a signature, or mails the right thing for a duplicate. Both outcomes look
// the same to the caller's visitor, so no one can learn who signed. A held signature
// (over the sustained limits) is mailed only once an organiser releases it.
export async function signPledge(deps: SignDeps, target: SignTarget, input: SignatureInput, ipHash: string | null): Promise<'created' | 'duplicate'> {
  const { d1, now } = deps;
  const details: q.SignatureDetails = {
    name: input.name,
    affiliation: input.affiliation,
    title: input.title,
    orcid: input.orcid,
    field: input.field,
    region: input.region,
    public: input.public,
    // A message queued before issue 15 has no opt-in: not opted in.
    updates: input.updates === true,
    lang: target.lang,
    textVersion: target.version,
    // Issue 16: bound to this link, so the level follows the details it confirms.
    orcidProven: input.orcidProven,
  };
  // The mailbox's level is stored from the start (rule changes re-derive it for every
  // row, pending ones too), so confirming needs no rules: one statement (confirmByToken).
  const rules = deps.domainRules ?? (await listDomainRules(db(d1)));
  const inserted = await q.insertSignature(d1, {
    pledgeId: target.pledgeId,
    verification: levelOf({ emailDomain: input.emailDomain, orcidProven: false }, rules),
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
    updates: input.updates === true,
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
    if (inserted.state === 'pending') await mailConfirmLink(deps, { id: inserted.id, pledgeId: target.pledgeId, email: input.email, emailKey: input.emailKey }, target, details);
    return 'created';
  }

  const existing = await q.findByEmailKey(d1, target.pledgeId, input.emailKey);
  if (!existing) return 'duplicate';
  const action = duplicateAction(existing);
  if (action === 'resendConfirmation') {
    // A new link for the details just submitted; the details stored are not touched.
    if (await q.countMail(d1, existing.id, MAX_MAILS_PER_SIGNATURE)) {
      await mailConfirmLink(deps, { id: existing.id, pledgeId: target.pledgeId, email: existing.email, emailKey: input.emailKey }, target, details);
    }
  } else if (action === 'remindSigned') {
    // A confirmed signer is told, and given one more withdraw link; nothing changes.
    const withdrawToken = newToken();
    const manage = await manageLink(deps.baseUrl, target.lang);
    const recipient = { id: existing.id, pledgeId: target.pledgeId, email: existing.email, emailKey: input.emailKey };
    const tokens: q.NewToken[] = [{ hash: await hashToken(withdrawToken), kind: 'withdraw', details: null, expiresAt: null }, manage.token];
    if ((await q.countMail(d1, existing.id, MAX_MAILS_PER_SIGNATURE)) && (await reserveAndAdd(deps, recipient, 'signature.remind', tokens))) {
      await send(deps.mailer, alreadySignedMail(target.lang, existing.email, target.title, `${deps.baseUrl}/withdraw/${withdrawToken}?lang=${target.lang}`, manage.url));
    }
  }
  return 'duplicate';
}

// The organiser released a held signature that was never confirmed: now its
// confirmation goes out (within the recipient's mail cap), for the details stored.
export async function mailReleasedSignature(deps: MailDeps, id: number, pledgeTitle: (pledgeId: number, lang: Lang) => Promise<string>): Promise<boolean> {
  const s = await q.signatureForMail(deps.d1, id);
  if (s?.state !== 'pending' || !s.email || !s.emailKey) return false;
  const lang: Lang = isLang(s.lang) ? s.lang : 'zh-Hans';
  const { id: _id, pledgeId, state: _state, email, emailKey, ...details } = s;
  await mailConfirmLink(deps, { id, pledgeId, email, emailKey }, { title: await pledgeTitle(pledgeId, lang), lang }, details);
  return true;
}

export type ConfirmResult =
  | { ok: true; status: 'confirmed' | 'alreadyConfirmed'; pledgeId: number; lang: string; withdrawToken: string | null; changed: boolean }
  | { ok: false; status: 'invalid' | 'expired' };

// `knownHash`: the token's digest when the caller has it already (confirm does).
async function lookup(d1: D1Database, token: string, kind: q.TokenKind, withdrawHash: string | null = null, knownHash?: string) {
  if (!isTokenShaped(token)) return null;
  const hash = knownHash ?? (await hashToken(token));
  const row = await q.findToken(d1, hash, kind, withdrawHash);
  // The lookup is by hash; the explicit constant-time comparison guards against any
  // future change to how rows are found.
  if (!row || !sameDigest(row.tokenHash, hash)) return null;
  return row;
}

function parseDetails(json: string | null): q.SignatureDetails | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as q.SignatureDetails;
  } catch {
    return null;
  }
}

// What a confirm link is looked up by: its own hash, and the hash of the withdraw token
// derived from it (bench/worker/floor-confirm.ts measures the same work).
export async function confirmLinkHashes(token: string): Promise<{ withdrawToken: string; hash: string; withdrawHash: string }> {
  const withdrawToken = await withdrawTokenFor(token);
  const [hash, withdrawHash] = await Promise.all([hashToken(token), hashToken(withdrawToken)]);
  return { withdrawToken, hash, withdrawHash };
}

// Confirms exactly the details this link was mailed for, in one D1 statement on the
// response path (issue 14): q.confirmByToken finds the link, applies its details and
// decides the level. A signature already confirmed stays as it is: no link, old or new,
// changes a confirmed signer's details or consent. Only when nothing was confirmed does
// a read follow, to say why (used, expired, unknown). Concurrent confirmations share a
// D1 transaction (q.confirmByToken); `keepAlive` is the request's waitUntil, which holds
// a shared round open if this request leads it and its client hangs up.
export async function confirmSignature(d1: D1Database, token: string, now: number, options: q.ConfirmOptions = {}): Promise<ConfirmResult> {
  if (!isTokenShaped(token)) return { ok: false, status: 'invalid' };
  const { withdrawToken, hash, withdrawHash } = await confirmLinkHashes(token);
  const done = await q.confirmByToken(d1, hash, withdrawHash, now, options);
  if (done) {
    // A held signature records the confirmed mailbox but stays uncounted until released;
    // to its signer it looks confirmed.
    return { ok: true, status: 'confirmed', pledgeId: done.pledgeId, lang: done.lang, withdrawToken: done.withdrawValid ? withdrawToken : null, changed: done.counted };
  }
  const row = await lookup(d1, token, 'confirm', withdrawHash, hash);
  if (!row) return { ok: false, status: 'invalid' };
  const awaiting = row.state === 'pending' || (row.state === 'held' && row.confirmedAt === null);
  if (awaiting) {
    if (row.expiresAt !== null && now > row.expiresAt) return { ok: false, status: 'expired' };
    // Unexpired and awaiting, yet not confirmed a moment ago: a race with another change
    // of the row. Nothing is lost; the visitor tries again.
    throw new TransientFailure('confirmation raced another change');
  }
  if (row.state === 'confirmed' || row.state === 'held') {
    return { ok: true, status: 'alreadyConfirmed', pledgeId: row.pledgeId, lang: row.lang, withdrawToken: row.withdrawValid === 1 ? withdrawToken : null, changed: false };
  }
  return { ok: false, status: 'invalid' };
}

export type WithdrawResult = { status: 'withdrawn'; pledgeId: number } | { status: 'invalid' };

// Any withdraw link the signer holds works; withdrawal erases every link (by trigger).
export async function withdrawSignature(d1: D1Database, token: string, now: number): Promise<WithdrawResult> {
  const row = await lookup(d1, token, 'withdraw');
  if (!row) return { status: 'invalid' };
  const pledgeId = await q.markWithdrawn(d1, row.id, now);
  return pledgeId === null ? { status: 'invalid' } : { status: 'withdrawn', pledgeId };
}

// What a token link is about, for the GET pages (changes nothing): the pledge and the
// name it signs with (a confirm link's own details first). null: not a live link.
export type TokenContext = { pledgeId: number; name: string | null };

export async function peekConfirmToken(d1: D1Database, token: string): Promise<TokenContext | null> {
  const row = await lookup(d1, token, 'confirm');
  return row ? { pledgeId: row.pledgeId, name: parseDetails(row.details)?.name ?? row.name } : null;
}

export async function peekWithdrawToken(d1: D1Database, token: string): Promise<TokenContext | null> {
  const row = await lookup(d1, token, 'withdraw');
  return row ? { pledgeId: row.pledgeId, name: row.name } : null;
}

// The signature a confirm, withdraw or manage link belongs to (for receipts; changes nothing).
export async function signatureForToken(d1: D1Database, token: string): Promise<{ id: number; pledgeId: number; state: string } | null> {
  const row = (await lookup(d1, token, 'confirm')) ?? (await lookup(d1, token, 'withdraw')) ?? (await lookup(d1, token, 'manage'));
  return row ? { id: row.id, pledgeId: row.pledgeId, state: row.state } : null;
}
