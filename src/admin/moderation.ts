import { z } from 'zod';
import { SIGNATURE, SIGNATURE_STATES, type SignatureState } from '../platform/db/states.ts';
import { fieldCodes } from '../platform/http/text.ts';

// Rules of signature moderation (no HTTP, no storage).

// Bulk invalidation only ever changes these states (never deletes a row).
export const INVALIDATABLE_STATES: readonly SignatureState[] = [SIGNATURE.pending, SIGNATURE.confirmed, SIGNATURE.held];

// A time as the API or a form gives it: ms since the epoch, an ISO date or date-time
// (a date-time without zone, as <input type=datetime-local> sends, is read as UTC).
export function parseTime(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : 'invalid';
  if (typeof value !== 'string') return 'invalid';
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return Date.parse(`${s}Z`);
  const t = Date.parse(s);
  return /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(t) ? t : 'invalid';
}

const time = z.unknown().transform((v, ctx) => {
  const t = parseTime(v);
  if (t === 'invalid' || Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: 'invalid' });
    return z.NEVER;
  }
  return t;
});

const optionalString = (re: RegExp) =>
  z
    .string({ error: 'invalid' })
    .transform((s) => s.trim().toLowerCase())
    .refine((s) => s === '' || re.test(s), 'invalid')
    .transform((s) => s || null)
    .optional();

export const bulkFilterBody = z
  .object({
    pledge: z.string({ error: 'invalid' }).max(80, 'invalid').optional(),
    ipHash: optionalString(/^[0-9a-f]{8,64}$/),
    emailDomain: optionalString(/^[a-z0-9.-]{1,253}$/),
    from: time.optional(),
    to: time.optional(),
    expected: z.number({ error: 'invalid' }).int().nonnegative().optional(),
  })
  .strict();

export type BulkFilter = { pledgeId: number | null; ipHash: string | null; emailDomain: string | null; from: number | null; to: number | null };

export function parseBulkFilter(
  data: unknown,
): { ok: true; value: Omit<BulkFilter, 'pledgeId'> & { pledge: string | null; expected: number | null } } | { ok: false; codes: Record<string, string> } {
  const r = bulkFilterBody.safeParse(data);
  if (!r.success) return { ok: false, codes: fieldCodes(r.error) };
  const v = {
    pledge: r.data.pledge?.trim() || null,
    ipHash: r.data.ipHash ?? null,
    emailDomain: r.data.emailDomain ?? null,
    from: r.data.from ?? null,
    to: r.data.to ?? null,
    expected: r.data.expected ?? null,
  };
  // A filter must narrow by something besides the pledge: never "invalidate everything".
  if (v.ipHash === null && v.emailDomain === null && v.from === null && v.to === null) return { ok: false, codes: { _: 'emptyFilter' } };
  if (v.from !== null && v.to !== null && v.from >= v.to) return { ok: false, codes: { to: 'beforeFrom' } };
  return { ok: true, value: v };
}

export const SEARCH_STATES = SIGNATURE_STATES;

// Trending: what counts as "unusually many" signatures in the last hour from one IP
// hash or one email domain. Big public mail providers are shown but marked common.
export const TRENDING_WINDOW_MS = 60 * 60 * 1000;
export const TRENDING_MIN = 10;
