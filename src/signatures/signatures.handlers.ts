import type { Context } from 'hono';
import { receiptFor } from '../log/receipt.ts';
import { config } from '../platform/config.ts';
import { seal, unseal } from '../platform/crypto/seal.ts';
import { unseal as unsealSigned } from '../platform/crypto/sealed.ts';
import type { Db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { GroupedQueue } from '../platform/grouped-queue.ts';
import { baseUrl } from '../platform/http/client.ts';
import { TransientFailure } from '../platform/http/errors.ts';
import { keepAliveOf } from '../platform/http/keep-alive.ts';
import type { SubmitOutcome } from '../platform/http/outcome.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { mailerFor } from '../platform/mail/mailer.ts';
import { cachedTexts } from '../pledges/pledges.cache.ts';
import { isKnownVersion, pickText } from '../pledges/pledges.queries.ts';
import { admitSubmission, turnstileRefusal } from '../pledges/submission.ts';
import { maskEmail } from './email.ts';
import { ORCID_PROOF_PURPOSE, type OrcidProof } from './orcid.ts';
import { type SignTarget, signatureForToken, signPledge } from './signatures.actions.ts';
import { parseSignature, type SignatureInput } from './signatures.input.ts';
import { DEFAULT_EXEMPT_DOMAINS, type SustainedLimits } from './signatures.ts';
import { orcidProvenElsewhere } from './verification.queries.ts';

// A validated signature on its way to D1 through the signature queue.
export type SignRequest = { target: SignTarget; input: SignatureInput; ipHash: string | null; now: number; baseUrl: string };

export function sustainedLimits(env: Env): SustainedLimits {
  const limits = config(env).signLimits;
  return {
    perIpHour: limits.perIpHour,
    perDomainHour: limits.perDomainHour,
    exemptDomains: new Set(limits.exemptDomains ?? DEFAULT_EXEMPT_DOMAINS.split(',').map((d) => d.trim().toLowerCase())),
  };
}

// Concurrent signatures in this isolate reach the queue together.
const signSends = new GroupedQueue<SignRequest>();

// The shared path of the form and the JSON API: checks, then the sign use case.
// humanChecked: a resend from the check-email page, whose sealed ticket shows the form
// already passed Turnstile (a Turnstile token works once).
// validated: data is the JSON route's validated body (signatureBody's output).
export async function submitSignature(
  c: Context<AppEnv>,
  slug: string,
  data: unknown,
  lang: Lang,
  opts: { humanChecked?: boolean; validated?: boolean } = {},
): Promise<SubmitOutcome> {
  const admitted = await admitSubmission(c, slug);
  if (!admitted.ok) return admitted.refusal;
  const { d, pledge, now, ipHash } = admitted;

  const parsed = parseSignature(data, { validated: opts.validated });
  if (!parsed.ok) return { kind: 'invalid', codes: parsed.codes };
  const proven = await provenOrcid(c, d, pledge.id, parsed.value.orcidProof, now);
  if (!proven.ok) return { kind: 'invalid', codes: { orcid: proven.code } };
  // The proof's iD replaces whatever was typed; the token itself is not stored.
  const input: SignatureInput = { ...parsed.value, orcidProof: undefined, ...(proven.orcid ? { orcid: proven.orcid, orcidProven: true } : {}) };
  const turnstile = opts.humanChecked ? null : await turnstileRefusal(c, input.turnstileToken);
  if (turnstile) return turnstile;

  const signLang = input.lang ?? lang;
  const texts = await cachedTexts(c.env, pledge.id);
  const text = pickText(texts, signLang, pledge.defaultLang);
  if (!text) return { kind: 'notFound' };
  if (input.version && input.version !== text.version && !(await isKnownVersion(d, pledge.id, input.version))) {
    return { kind: 'invalid', codes: { version: 'unknownVersion' } };
  }

  const request: SignRequest = {
    target: { pledgeId: pledge.id, title: text.title, version: input.version ?? text.version, lang: signLang },
    input,
    ipHash,
    now,
    baseUrl: baseUrl(c),
  };
  // Write-behind: the validated signature goes to the signature queue (durable once
  // the send resolves; concurrent ones go in one sendBatch, platform/grouped-queue.ts)
  // and is written with others in one D1 batch (signatures.consumer.ts). New and
  // duplicate addresses do exactly the same work here, so neither the answer nor its
  // timing tells who signed.
  if (c.env.SIGN_QUEUE) {
    try {
      await signSends.send(c.env.SIGN_QUEUE, request, keepAliveOf(c));
    } catch (err) {
      // Not accepted, so nothing is lost: the visitor is asked to try again (503).
      throw new TransientFailure(`signature queue refused: ${err instanceof Error ? err.message : 'error'}`);
    }
  } else
    await signPledge(
      { d1: c.env.DB, mailer: mailerFor(c.env), now, baseUrl: request.baseUrl, limits: sustainedLimits(c.env), mailKeySecret: c.env.IP_HASH_SECRET },
      request.target,
      input,
      ipHash,
    );
  return { kind: 'accepted', slug: pledge.slug };
}

// The ORCID iD an `orcidProof` proves for this pledge (issue 16). No proof: nothing to
// prove. A forged, expired or other pledge's proof, or an iD another signature of the
// pledge already proved, is a field error: the form shows it and the email path stays.
async function provenOrcid(c: Context<AppEnv>, d: Db, pledgeId: number, proof: string | undefined, now: number) {
  if (proof === undefined) return { ok: true as const, orcid: null };
  const value = await unsealSigned<OrcidProof>(config(c.env).admin.sessionSecret, ORCID_PROOF_PURPOSE, proof, now);
  if (!value || value.pledgeId !== pledgeId || typeof value.orcid !== 'string') return { ok: false as const, code: 'proofExpired' };
  if (await orcidProvenElsewhere(d, pledgeId, value.orcid)) return { ok: false as const, code: 'orcidTaken' };
  return { ok: true as const, orcid: value.orcid };
}

// A confirmed signer's receipt from the public log; the confirm or the withdraw token
// authorises it. null when the token matches no signature.
export async function receiptForToken(c: Context<AppEnv>, token: string) {
  const signature = await signatureForToken(c.env.DB, token);
  if (!signature) return null;
  const [pledge] = await c.var.db.query.pledges.findMany({ columns: { id: true, slug: true }, where: (p, { eq }) => eq(p.id, signature.pledgeId), limit: 1 });
  if (!pledge) return null;
  return receiptFor(c.env, signature, pledge, baseUrl(c), Date.now());
}

// The check-email page after signing: a sealed ticket in its query holds what the form
// sent (never readable by the browser), so the page can show the address masked and
// offer to send the mail again. Resending is signing again with the same details: the
// same path, the same mail caps, the same answer whether or not the address had signed.
const TICKET_PURPOSE = 'sign.check-email';
export const TICKET_TTL_MS = 24 * 60 * 60 * 1000;

export type CheckEmailTicket = { slug: string; masked: string; lang: Lang; exp: number; body: Record<string, unknown> | null };

// Where a sign form goes once accepted. body null: the honeypot caught it (the page looks
// the same; its resend does nothing).
export async function checkEmailLocation(c: Context<AppEnv>, slug: string, body: Record<string, unknown> | null, lang: Lang): Promise<string> {
  const { turnstileToken: _used, ...kept } = body ?? {};
  const email = typeof body?.email === 'string' ? body.email.normalize('NFKC').trim() : '';
  const ticket: CheckEmailTicket = { slug, masked: maskEmail(email), lang, exp: Date.now() + TICKET_TTL_MS, body: body ? kept : null };
  return `/p/${encodeURIComponent(slug)}/check-email?lang=${lang}&t=${await seal(c.env.IP_HASH_SECRET, TICKET_PURPOSE, ticket)}`;
}

export async function openTicket(c: Context<AppEnv>, slug: string, text: string | undefined): Promise<CheckEmailTicket | null> {
  const value = (await unseal(c.env.IP_HASH_SECRET, TICKET_PURPOSE, text)) as CheckEmailTicket | null;
  if (!value || typeof value !== 'object' || value.slug !== slug || typeof value.exp !== 'number' || value.exp < Date.now()) return null;
  if (typeof value.masked !== 'string' || !isLang(value.lang)) return null;
  return value;
}

// Sends the confirmation (or, for a confirmed signer, the reminder) again, within the caps.
export async function resendSignature(c: Context<AppEnv>, slug: string, ticket: CheckEmailTicket): Promise<SubmitOutcome> {
  if (ticket.body === null) {
    const admitted = await admitSubmission(c, slug);
    return admitted.ok ? { kind: 'accepted', slug } : admitted.refusal;
  }
  return submitSignature(c, slug, ticket.body, ticket.lang, { humanChecked: true });
}
