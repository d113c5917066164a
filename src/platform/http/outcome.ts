import type { Context } from 'hono';
import { apiError } from './errors.ts';

// What a public submission (signature or endorsement) can answer besides success.
export type Refusal =
  | { kind: 'notFound' }
  | { kind: 'closed'; reason: 'closed' | 'notOpenYet' }
  | { kind: 'rateLimited'; retryAfter: number }
  | { kind: 'invalid'; codes: Record<string, string> };

export type SubmitOutcome = Refusal | { kind: 'accepted'; slug: string };

// The JSON answer to a public submission (a signature or an endorsement):
// 202 {"status":"pending"} or the one error shape, fields in the visitor's language.
export function submitOutcomeJson(c: Context, outcome: SubmitOutcome, fieldMessages: (codes: Record<string, string>) => Record<string, string>) {
  switch (outcome.kind) {
    case 'notFound':
      return apiError(c, 404, 'not_found', 'No such pledge.');
    case 'closed':
      return apiError(c, 409, 'pledge_closed', outcome.reason === 'closed' ? 'This pledge has closed.' : 'This pledge is not open yet.');
    case 'rateLimited':
      c.header('Retry-After', String(outcome.retryAfter));
      return apiError(c, 429, 'rate_limited', 'Too many submissions from your network; wait a moment and try again.');
    case 'invalid':
      return apiError(c, 400, 'validation_failed', 'Some fields are not valid.', fieldMessages(outcome.codes));
    case 'accepted':
      return c.json({ status: 'pending' }, 202);
  }
}
