import type { Context } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import type { SubmitOutcome } from '../platform/http/outcome.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { mailerFor } from '../platform/mail/mailer.ts';
import { getCurrentTexts, pickText } from '../pledges/pledges.queries.ts';
import { admitSubmission, turnstileRefusal } from '../pledges/submission.ts';
import { submitEndorsement } from './endorsements.actions.ts';
import { parseEndorsement } from './endorsements.input.ts';

// The shared path of the endorse form and the JSON API: the same checks as signing
// (pledge open, burst limit, input, Turnstile), then the submit use case.
export async function submitEndorsementRequest(c: Context<AppEnv>, slug: string, data: unknown, lang: Lang): Promise<SubmitOutcome> {
  const admitted = await admitSubmission(c, slug);
  if (!admitted.ok) return admitted.refusal;
  const { d, pledge, now, ipHash } = admitted;

  const parsed = parseEndorsement(data);
  if (!parsed.ok) return { kind: 'invalid', codes: parsed.codes };
  const input = parsed.value;
  const turnstile = await turnstileRefusal(c, input.turnstileToken);
  if (turnstile) return turnstile;

  const endorseLang = input.lang ?? lang;
  const text = pickText(await getCurrentTexts(d, pledge.id), endorseLang, pledge.defaultLang);
  if (!text) return { kind: 'notFound' };
  const result = await submitEndorsement(
    { d1: c.env.DB, mailer: mailerFor(c.env), now, baseUrl: baseUrl(c), mailKeySecret: c.env.IP_HASH_SECRET },
    { pledgeId: pledge.id, title: text.title, lang: endorseLang },
    input,
    ipHash,
  );
  return result.ok ? { kind: 'accepted', slug: pledge.slug } : { kind: 'invalid', codes: result.codes };
}
