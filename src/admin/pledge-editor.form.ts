import { LANGS } from '../platform/i18n/lang.ts';
import type { Pledge, PledgeText } from '../pledges/pledges.ts';
import { TEXT_FIELDS } from './AdminPledges.tsx';

// The pledge form's strings <-> the JSON body of the pledge API.

// <input type="datetime-local"> speaks UTC here (labels say so).
const toLocalInput = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16));

export function pledgeToForm(p: Pledge, texts: PledgeText[]): Record<string, string> {
  const values: Record<string, string> = {
    slug: p.slug,
    status: p.status,
    goal: p.goal === null ? '' : String(p.goal),
    opensAt: toLocalInput(p.opensAt),
    closesAt: toLocalInput(p.closesAt),
    featured: p.featured ? 'on' : '',
    defaultLang: p.defaultLang,
    retentionDays: String(p.retentionDays),
  };
  for (const t of texts) for (const f of TEXT_FIELDS) values[`${f}.${t.lang}`] = t[f];
  for (const l of LANGS) values[`counterNoun.${l}`] = p.counterNoun?.[l] ?? '';
  return values;
}

export function formToPledgeBody(form: Record<string, string>): Record<string, unknown> {
  const goal = form.goal?.trim();
  const body: Record<string, unknown> = {
    slug: (form.slug ?? '').trim(),
    status: form.status ?? 'draft',
    goal: goal ? (/^\d+$/.test(goal) ? Number(goal) : goal) : null,
    opensAt: form.opensAt?.trim() || null,
    closesAt: form.closesAt?.trim() || null,
    featured: form.featured === 'on',
    defaultLang: form.defaultLang ?? 'zh-Hans',
  };
  // Left empty: the default (create) or unchanged (edit).
  const retention = form.retentionDays?.trim();
  if (retention) body.retentionDays = /^\d+$/.test(retention) ? Number(retention) : retention;
  const texts: Record<string, Record<string, string>> = {};
  for (const l of LANGS) {
    const t = Object.fromEntries(TEXT_FIELDS.map((f) => [f, form[`${f}.${l}`] ?? '']));
    // A language left entirely empty is not published.
    if (Object.values(t).some((v) => v.trim())) texts[l] = t;
  }
  body.texts = texts;
  // Every language's noun (empty: the default), so clearing one in the form clears it.
  body.counterNoun = Object.fromEntries(LANGS.map((l) => [l, form[`counterNoun.${l}`] ?? '']));
  return body;
}

// API field codes ("texts.en.title") -> form field names ("title.en").
export function formFieldCodes(codes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(codes)) {
    const m = /^texts\.([\w-]+)\.(\w+)$/.exec(k);
    out[m ? `${m[2]}.${m[1]}` : k === 'texts' ? `title.${LANGS[0]}` : k] = v;
  }
  return out;
}
