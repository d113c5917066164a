// Signature states and the rules between them (no HTTP, no storage). The states are
// values of a column, so they live with the schema (src/platform/db/states.ts); which
// of them count, in src/counts/counters.ts.
import { SIGNATURE, type SignatureState } from '../platform/db/states.ts';

export type { SignatureState } from '../platform/db/states.ts';

// Named groups, after alphagov/e-petitions: what a signer may withdraw.
export const WITHDRAWABLE_STATES: readonly SignatureState[] = [SIGNATURE.pending, SIGNATURE.confirmed, SIGNATURE.held];

export const FIELDS = ['science', 'engineering', 'agriculture', 'medicine', 'interdisciplinary', 'other'] as const;
export type Field = (typeof FIELDS)[number];

export const MAX_MAILS_PER_SIGNATURE = 5;
export const CONFIRM_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// What a duplicate submission should trigger; the visitor sees the same answer either way.
export type DuplicateAction = 'resendConfirmation' | 'remindSigned' | 'nothing';

// A held signature is never mailed until an organiser releases it (issue 13), so a
// duplicate of one mails nothing either.
export function duplicateAction(existing: { state: string; confirmedAt: number | null; mailsSent: number }): DuplicateAction {
  if (existing.mailsSent >= MAX_MAILS_PER_SIGNATURE) return 'nothing';
  if (existing.state === SIGNATURE.pending) return 'resendConfirmation';
  if (existing.state === SIGNATURE.confirmed) return 'remindSigned';
  return 'nothing';
}

// Sustained limits (per hour, counted in D1 by insertSignature). Over them a new
// signature is stored as held: it never counts until an organiser releases it, and the
// response looks normal.
export type SustainedLimits = { perIpHour: number; perDomainHour: number; exemptDomains: ReadonlySet<string> };

// Big public mail providers: many unrelated people share them, so a per-domain limit
// would hold honest signatures during a surge.
export const DEFAULT_EXEMPT_DOMAINS =
  'qq.com,163.com,126.com,yeah.net,foxmail.com,sina.com,sina.cn,sohu.com,aliyun.com,139.com,189.cn,gmail.com,googlemail.com,outlook.com,hotmail.com,live.com,yahoo.com,icloud.com,me.com,proton.me,protonmail.com';
