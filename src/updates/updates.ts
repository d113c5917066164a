// Organisers' updates and milestones: rules free of HTTP and storage (issue 15).
import { LANGS, type Lang } from '../platform/i18n/lang.ts';

export const UPDATE_KINDS = ['update', 'milestone'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

// A text in one to three languages: {"zh-Hans": "...", "en": "..."}.
export type LangText = Partial<Record<Lang, string>>;

export type PledgeUpdate = { id: number; kind: UpdateKind; threshold: number | null; title: LangText; body: LangText; publishedAt: number };

export const MAX_TITLE = 200;
export const MAX_BODY = 10_000;
export const MAX_THRESHOLDS = 20;
// Shown on the pledge page (the API lists more).
export const PAGE_UPDATES = 10;
// Signers mailed per round of an update's mailing (one queue sendBatch, at most 100).
export const MAIL_BATCH = 100;

// The text in the reader's language, else the pledge's own, else the first given.
export function pickLang(t: LangText, lang: Lang, fallback: Lang): { lang: Lang; text: string } {
  for (const l of [lang, fallback, ...LANGS]) {
    const text = t[l];
    if (text !== undefined && text !== '') return { lang: l, text };
  }
  return { lang: fallback, text: '' };
}

export function parseLangText(json: string): LangText {
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object') return {};
    return Object.fromEntries(Object.entries(v).filter(([k, s]) => (LANGS as readonly string[]).includes(k) && typeof s === 'string')) as LangText;
  } catch {
    return {};
  }
}

// Plain text -> paragraphs (split at blank lines), each a run of text and links. Only
// http(s) addresses become links; everything is escaped when rendered (hono/jsx).
export type Run = { text: string } | { href: string };

const URL_RE = /https?:\/\/[^\s<>"'\u3000-\u303f\uff08\uff09\uff0c\uff1b\uff1a]+/g;

export function paragraphs(text: string): Run[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const runs: Run[] = [];
      let at = 0;
      for (const m of p.matchAll(URL_RE)) {
        // Punctuation that ends a sentence is not part of the address.
        const href = m[0].replace(/[.,;:!?)\]]+$/, '');
        if (m.index > at) runs.push({ text: p.slice(at, m.index) });
        runs.push({ href });
        at = m.index + href.length;
      }
      if (at < p.length) runs.push({ text: p.slice(at) });
      return runs;
    });
}

// The thresholds a pledge's count is checked against: the goal and the organiser's.
export function milestoneThresholds(goal: number | null, thresholds: readonly number[]): number[] {
  const all = [...thresholds, ...(goal && goal > 0 ? [goal] : [])].filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(all)].sort((a, b) => a - b);
}

export function parseThresholds(json: string): number[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((n): n is number => Number.isSafeInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}
