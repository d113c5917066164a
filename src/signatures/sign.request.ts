import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { baseUrl } from '../http/client.ts';
import type { Lang } from '../i18n/lang.ts';
import { mailerFor } from '../mail/mailer.ts';
import { cachedTexts } from '../pledges/pledge.cache.ts';
import { isKnownVersion, pickText } from '../pledges/pledges.queries.ts';
import { admitSubmission, BURST_PERIOD_SECONDS, overBurstLimit, type Refusal, turnstileRefusal } from '../pledges/submission.ts';
import { signPledge } from './sign.ts';
import { parseSignature } from './signature.input.ts';
import { DEFAULT_EXEMPT_DOMAINS, type SustainedLimits } from './signature.ts';

export type SubmitOutcome = Refusal | { kind: 'accepted'; slug: string };

export { BURST_PERIOD_SECONDS, overBurstLimit };

export function sustainedLimits(env: Env): SustainedLimits {
  const vars = env as unknown as Record<string, string | undefined>;
  return {
    perIpHour: Number(env.SIGN_LIMIT_IP_HOUR) || 300,
    perDomainHour: Number(env.SIGN_LIMIT_DOMAIN_HOUR) || 2000,
    exemptDomains: new Set((vars.SIGN_LIMIT_EXEMPT_DOMAINS ?? DEFAULT_EXEMPT_DOMAINS).split(',').map((d) => d.trim().toLowerCase())),
  };
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
    { d1: c.env.DB, mailer: mailerFor(c.env), now, baseUrl: baseUrl(c), limits: sustainedLimits(c.env) },
    { pledgeId: pledge.id, title: text.title, version: input.version ?? text.version, lang: signLang },
    input,
    ipHash,
  );
  return { kind: 'accepted', slug: pledge.slug };
}
