import type { Context } from 'hono';
import { config } from '../platform/config.ts';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { mailerFor } from '../platform/mail/mailer.ts';
import { cachedTexts } from '../pledges/pledges.cache.ts';
import { isKnownVersion, pickText } from '../pledges/pledges.queries.ts';
import type { SubmitOutcome } from '../platform/http/outcome.ts';
import { admitSubmission, BURST_PERIOD_SECONDS, overBurstLimit, turnstileRefusal } from '../pledges/submission.ts';
import { db } from '../platform/db/client.ts';
import { receiptFor } from '../log/receipt.ts';
import { signatureForToken, signPledge } from './signatures.actions.ts';
import { parseSignature } from './signatures.input.ts';
import { DEFAULT_EXEMPT_DOMAINS, type SustainedLimits } from './signatures.ts';


export { BURST_PERIOD_SECONDS, overBurstLimit };

export function sustainedLimits(env: Env): SustainedLimits {
  const limits = config(env).signLimits;
  return {
    perIpHour: limits.perIpHour,
    perDomainHour: limits.perDomainHour,
    exemptDomains: new Set(limits.exemptDomains ?? DEFAULT_EXEMPT_DOMAINS.split(',').map((d) => d.trim().toLowerCase())),
  };
}

// Work after the response (waitUntil), when the runtime gives an execution context.
function deferrer(c: Context<AppEnv>): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

// The shared path of the form and the JSON API: checks, then the sign use case.
export async function submitSignature(c: Context<AppEnv>, slug: string, data: unknown, lang: Lang): Promise<SubmitOutcome> {
  const admitted = await admitSubmission(c, slug);
  if (!admitted.ok) return admitted.refusal;
  const { d, pledge, now, ipHash } = admitted;

  const parsed = parseSignature(data);
  if (!parsed.ok) return { kind: 'invalid', codes: parsed.codes };
  const input = parsed.value;
  const turnstile = await turnstileRefusal(c, input.turnstileToken);
  if (turnstile) return turnstile;

  const signLang = input.lang ?? lang;
  const texts = await cachedTexts(c.env, pledge.id);
  const text = pickText(texts, signLang, pledge.defaultLang);
  if (!text) return { kind: 'notFound' };
  if (input.version && input.version !== text.version && !(await isKnownVersion(d, pledge.id, input.version))) {
    return { kind: 'invalid', codes: { version: 'unknownVersion' } };
  }

  await signPledge(
    { d1: c.env.DB, mailer: mailerFor(c.env), now, baseUrl: baseUrl(c), limits: sustainedLimits(c.env), defer: deferrer(c) },
    { pledgeId: pledge.id, title: text.title, version: input.version ?? text.version, lang: signLang },
    input,
    ipHash,
  );
  return { kind: 'accepted', slug: pledge.slug };
}

// A confirmed signer's receipt from the public log; the confirm or the withdraw token
// authorises it. null when the token matches no signature.
export async function receiptForToken(c: Context<AppEnv>, token: string) {
  const signature = await signatureForToken(c.env.DB, token);
  if (!signature) return null;
  const [pledge] = await db(c.env.DB).query.pledges.findMany({ columns: { id: true, slug: true }, where: (p, { eq }) => eq(p.id, signature.pledgeId), limit: 1 });
  if (!pledge) return null;
  return receiptFor(c.env, signature, pledge, baseUrl(c), Date.now());
}

