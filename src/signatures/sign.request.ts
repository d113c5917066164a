import type { Context } from 'hono';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { baseUrl, clientIp, clientIpHash } from '../http/client.ts';
import { verifyTurnstile } from '../http/turnstile.ts';
import type { Lang } from '../i18n/lang.ts';
import { mailerFor } from '../mail/mailer.ts';
import { signingClosedReason } from '../pledges/pledge.ts';
import { getCurrentTexts, getPledgeBySlug, isKnownVersion, pickText } from '../pledges/pledges.queries.ts';
import { signPledge } from './sign.ts';
import { parseSignature } from './signature.input.ts';
import { DEFAULT_EXEMPT_DOMAINS, type SustainedLimits } from './signature.ts';

export type SubmitOutcome =
  | { kind: 'notFound' }
  | { kind: 'closed'; reason: 'closed' | 'notOpenYet' }
  | { kind: 'rateLimited'; retryAfter: number }
  | { kind: 'invalid'; codes: Record<string, string> }
  | { kind: 'accepted'; slug: string };

export const BURST_PERIOD_SECONDS = 10;

export function sustainedLimits(env: Env): SustainedLimits {
  const vars = env as unknown as Record<string, string | undefined>;
  return {
    perIpHour: Number(env.SIGN_LIMIT_IP_HOUR) || 300,
    perDomainHour: Number(env.SIGN_LIMIT_DOMAIN_HOUR) || 2000,
    exemptDomains: new Set((vars.SIGN_LIMIT_EXEMPT_DOMAINS ?? DEFAULT_EXEMPT_DOMAINS).split(',').map((d) => d.trim().toLowerCase())),
  };
}

// Per-IP burst window with the Rate Limiting binding (per location, eventually
// consistent: it stops bursts; sustained limits are counted in D1).
export async function overBurstLimit(env: Env, key: string | null): Promise<boolean> {
  const { success } = await env.SIGN_BURST.limit({ key: key ?? 'unknown' });
  return !success;
}

// The shared path of the form and the JSON API: checks, then the sign use case.
export async function submitSignature(c: Context<AppEnv>, slug: string, data: unknown, lang: Lang): Promise<SubmitOutcome> {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, slug);
  if (!pledge || pledge.status === 'draft') return { kind: 'notFound' };
  const now = Date.now();
  const closed = signingClosedReason(pledge, now);
  if (closed) return { kind: 'closed', reason: closed };

  const ipHash = await clientIpHash(c);
  if (await overBurstLimit(c.env, ipHash)) return { kind: 'rateLimited', retryAfter: BURST_PERIOD_SECONDS };

  const parsed = parseSignature(data);
  if (!parsed.ok) return { kind: 'invalid', codes: parsed.codes };
  const input = parsed.value;

  if (c.env.TURNSTILE_SECRET && !(await verifyTurnstile(c.env.TURNSTILE_SECRET, input.turnstileToken, clientIp(c)))) {
    return { kind: 'invalid', codes: { turnstileToken: input.turnstileToken ? 'invalid' : 'required' } };
  }

  const signLang = input.lang ?? lang;
  const texts = await getCurrentTexts(d, pledge.id);
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
