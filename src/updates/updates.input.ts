import { z } from 'zod';
import { fieldCodes, requiredText } from '../platform/http/text.ts';
import { LANGS, type Lang } from '../platform/i18n/lang.ts';
import type { UpdateInput } from './updates.actions.ts';
import { type LangText, MAX_BODY, MAX_THRESHOLDS, MAX_TITLE } from './updates.ts';

// An organiser's update: title and body are each either a string (in the pledge's own
// language) or an object of one to three languages, {"zh-Hans": "...", "en": "..."};
// both must be given in the same languages. Plain text: blank lines separate
// paragraphs, http(s) addresses become links, nothing else is markup.
const langText = (max: number, what: string) =>
  z
    .union(
      [
        requiredText(max),
        z
          .object({ 'zh-Hans': requiredText(max).optional(), 'zh-Hant': requiredText(max).optional(), en: requiredText(max).optional() })
          .strict()
          .refine((o) => Object.values(o).some((v) => v !== undefined), 'required'),
      ],
      { error: (iss) => (iss.input === undefined || iss.input === null ? 'required' : 'invalid') },
    )
    .describe(`${what}: a string in the pledge's own language, or {"zh-Hans","zh-Hant","en"} with one to three of them`);

export const updateBody = z
  .object({
    title: langText(MAX_TITLE, `Title, at most ${MAX_TITLE} characters`),
    body: langText(MAX_BODY, `Body, plain text with paragraphs and links, at most ${MAX_BODY} characters`),
    notify: z.boolean({ error: 'invalid' }).optional().describe('Mail the update to confirmed signers who opted in (default false)'),
  })
  .strict();

export type Parsed<T> = { ok: true; value: T } | { ok: false; codes: Record<string, string> };

const asLangText = (v: string | LangText, fallback: Lang): LangText => (typeof v === 'string' ? { [fallback]: v } : v);

export function parseUpdate(data: unknown, defaultLang: Lang): Parsed<UpdateInput> {
  const r = updateBody.safeParse(data);
  if (!r.success) return { ok: false, codes: fieldCodes(r.error) };
  const title = asLangText(r.data.title as string | LangText, defaultLang);
  const body = asLangText(r.data.body as string | LangText, defaultLang);
  const langs = (t: LangText) =>
    Object.keys(t)
      .filter((k) => t[k as Lang] !== undefined)
      .sort()
      .join(',');
  if (langs(title) !== langs(body)) return { ok: false, codes: { body: 'languages' } };
  return { ok: true, value: { title, body, notify: r.data.notify ?? false } };
}

// The console's form: title.<lang> and body.<lang> fields, empty ones left out.
export function formToUpdateBody(form: Record<string, string>): Record<string, unknown> {
  const title: Record<string, string> = {};
  const body: Record<string, string> = {};
  for (const l of LANGS) {
    if (form[`title.${l}`]?.trim() || form[`body.${l}`]?.trim()) {
      title[l] = form[`title.${l}`] ?? '';
      body[l] = form[`body.${l}`] ?? '';
    }
  }
  return { title, body, notify: form.notify === 'on' };
}

// Milestones: organiser-set thresholds (besides the goal) and whether to mail them.
export const milestonesBody = z
  .object({
    thresholds: z
      .array(z.number({ error: 'invalid' }).int('invalid').positive('invalid').max(1e12, 'invalid'), { error: 'invalid' })
      .max(MAX_THRESHOLDS, 'tooMany')
      .describe(`Signature counts at which a milestone update appears, besides the pledge's goal (at most ${MAX_THRESHOLDS})`),
    notify: z.boolean({ error: 'invalid' }).optional().describe('Mail milestones (the goal too) to opted-in signers (default false)'),
  })
  .strict();

export function parseMilestones(data: unknown): Parsed<{ thresholds: number[]; notify: boolean }> {
  const r = milestonesBody.safeParse(data);
  if (!r.success) return { ok: false, codes: fieldCodes(r.error) };
  return { ok: true, value: { thresholds: [...new Set(r.data.thresholds)].sort((a, b) => a - b), notify: r.data.notify ?? false } };
}

// The console's form: thresholds as "100, 1000 5000".
export function formToMilestonesBody(form: Record<string, string>): Record<string, unknown> {
  const parts = (form.thresholds ?? '').split(/[\s,，、]+/).filter(Boolean);
  return { thresholds: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)), notify: form.notify === 'on' };
}
