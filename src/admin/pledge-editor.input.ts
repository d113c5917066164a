import { z } from 'zod';
import { fieldCodes, isCleanText } from '../platform/http/text.ts';
import { isLang, LANGS, type Lang } from '../platform/i18n/lang.ts';
import { PLEDGE_STATUSES, type PledgeStatus } from '../pledges/pledges.ts';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '../signatures/retention.ts';
import { parseTime } from './moderation.ts';

// The organisers' pledge form and JSON body: create (everything) or edit (any subset).

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/;
const RESERVED_SLUGS = new Set(['admin', 'api', 'new', 'dev', 'embed']);

const text = (max: number, required: boolean) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid') })
    .refine((s) => !required || s.trim().length > 0, 'required')
    .refine((s) => s.length <= max, 'tooLong')
    .refine(isCleanText, 'invalidCharacters');

const pledgeText = z.object({ title: text(200, true), subtitle: text(300, false).optional(), body: text(50_000, true), societiesHeading: text(100, false).optional() }).strict();

const time = z.unknown().superRefine((v, ctx) => {
  const t = parseTime(v);
  if (t === 'invalid' || Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: 'invalid' });
});

export const pledgeBody = z
  .object({
    // An empty slug is "required" (its own field message), not merely "not valid".
    slug: z
      .string({ error: 'invalid' })
      .refine((s) => s.trim() !== '', { message: 'required', abort: true })
      .refine((s) => SLUG.test(s) && !RESERVED_SLUGS.has(s), 'invalid'),
    status: z.enum(PLEDGE_STATUSES, { error: 'invalid' }),
    goal: z.number({ error: 'invalid' }).int('invalid').positive('invalid').max(1e9, 'invalid').nullable(),
    opensAt: time,
    closesAt: time,
    featured: z.boolean({ error: 'invalid' }),
    // Days after closesAt until signers' personal data is erased.
    retentionDays: z.number({ error: 'retentionRange' }).int('retentionRange').min(RETENTION_DAYS_MIN, 'retentionRange').max(RETENTION_DAYS_MAX, 'retentionRange'),
    defaultLang: z.string({ error: 'invalid' }).refine(isLang, 'invalid'),
    texts: z.partialRecord(z.enum(LANGS), pledgeText, { error: 'invalid' }),
    counterNoun: z.partialRecord(z.enum(LANGS), text(60, false), { error: 'invalid' }).nullable(),
  })
  .partial()
  .strict();

export type TextInput = { title: string; subtitle: string; body: string; societiesHeading: string };
export type PledgeInput = {
  slug?: string;
  status?: PledgeStatus;
  goal?: number | null;
  opensAt?: number | null;
  closesAt?: number | null;
  featured?: boolean;
  defaultLang?: Lang;
  retentionDays?: number;
  texts: Partial<Record<Lang, TextInput>>;
  // null: the default noun in every language.
  counterNoun?: Partial<Record<Lang, string>> | null;
};

// Field codes use dotted paths for texts ("texts.en.title") so forms can place them.
export function pledgeFieldCodes(error: z.ZodError): Record<string, string> {
  const out = fieldCodes(error);
  for (const issue of error.issues) if (issue.path[0] === 'texts' && issue.path.length > 2) out[issue.path.join('.')] ??= issue.message;
  for (const issue of error.issues) if (issue.path[0] === 'counterNoun' && issue.path.length > 1) out[issue.path.join('.')] ??= issue.message;
  return out;
}

export function parsePledge(data: unknown, mode: 'create' | 'edit'): { ok: true; value: PledgeInput } | { ok: false; codes: Record<string, string> } {
  const r = pledgeBody.safeParse(data);
  if (!r.success) return { ok: false, codes: pledgeFieldCodes(r.error) };
  const b = r.data;
  const codes: Record<string, string> = {};
  const texts: PledgeInput['texts'] = {};
  for (const lang of LANGS) {
    const t = b.texts?.[lang];
    if (t)
      texts[lang] = { title: t.title.trim(), subtitle: t.subtitle?.trim() ?? '', body: t.body.replace(/\r\n?/g, '\n').trim(), societiesHeading: t.societiesHeading?.trim() ?? '' };
  }
  const defaultLang = (b.defaultLang as Lang | undefined) ?? (mode === 'create' ? 'zh-Hans' : undefined);
  if (mode === 'create') {
    if (!b.slug) codes.slug = 'required';
    if (defaultLang && !texts[defaultLang]) codes[`texts.${defaultLang}.title`] = 'required';
  }
  const opensAt = parseTime(b.opensAt) as number | null;
  const closesAt = parseTime(b.closesAt) as number | null;
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt) codes.closesAt = 'beforeOpens';
  if (Object.keys(codes).length > 0) return { ok: false, codes };
  const value: PledgeInput = { texts };
  if (b.slug !== undefined) value.slug = b.slug;
  if (b.status !== undefined) value.status = b.status;
  if (b.goal !== undefined) value.goal = b.goal;
  if ('opensAt' in b) value.opensAt = opensAt;
  if ('closesAt' in b) value.closesAt = closesAt;
  if (b.featured !== undefined) value.featured = b.featured;
  if (b.retentionDays !== undefined) value.retentionDays = b.retentionDays;
  if (defaultLang) value.defaultLang = defaultLang;
  if (b.counterNoun !== undefined) {
    const nouns = Object.entries(b.counterNoun ?? {}).flatMap(([l, n]) => (n?.trim() ? [[l, n.trim()]] : []));
    value.counterNoun = nouns.length > 0 ? Object.fromEntries(nouns) : null;
  }
  return { ok: true, value };
}
