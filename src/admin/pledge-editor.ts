import type { Lang } from '../platform/i18n/lang.ts';
import { textVersion } from '../pledges/pledges.ts';
import { RETENTION_DAYS_DEFAULT } from '../signatures/retention.ts';
import type { PledgeInput, TextInput } from './pledge-editor.input.ts';

// Creating and editing pledges. A changed text becomes a new version row (the old one
// stays, current = 0), so earlier signatures keep pointing at what they signed.

export type EditResult = { ok: true; id: number; slug: string; newVersions: Partial<Record<Lang, string>> } | { ok: false; codes: Record<string, string> };

const textStatements = (d1: D1Database, pledgeId: number, lang: Lang, t: TextInput, version: string) => [
  d1.prepare('UPDATE pledge_texts SET current = 0 WHERE pledge_id = ?1 AND lang = ?2 AND version != ?3 AND current = 1').bind(pledgeId, lang, version),
  d1
    .prepare(
      `INSERT INTO pledge_texts (pledge_id, lang, version, title, subtitle, body, societies_heading, current) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)
       ON CONFLICT (pledge_id, lang, version) DO UPDATE SET current = 1`,
    )
    .bind(pledgeId, lang, version, t.title, t.subtitle, t.body, t.societiesHeading),
];

async function currentVersions(d1: D1Database, pledgeId: number): Promise<Map<string, string>> {
  const { results } = await d1.prepare('SELECT lang, version FROM pledge_texts WHERE pledge_id = ?1 AND current = 1').bind(pledgeId).all<{ lang: string; version: string }>();
  return new Map(results.map((r) => [r.lang, r.version]));
}

const featuredOnly = (d1: D1Database, id: number) => d1.prepare('UPDATE pledges SET featured = 0 WHERE id != ?1 AND featured = 1').bind(id);

export async function createPledge(d1: D1Database, input: PledgeInput, now: number): Promise<EditResult> {
  const slug = input.slug!;
  const row = await d1
    .prepare(
      `INSERT INTO pledges (slug, status, goal, opens_at, closes_at, featured, default_lang, created_at, updated_at, retention_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
    )
    .bind(
      slug,
      input.status ?? 'draft',
      input.goal ?? null,
      input.opensAt ?? null,
      input.closesAt ?? null,
      input.featured ? 1 : 0,
      input.defaultLang ?? 'zh-Hans',
      now,
      input.retentionDays ?? RETENTION_DAYS_DEFAULT,
    )
    .first<{ id: number }>();
  if (!row) return { ok: false, codes: { slug: 'taken' } };
  const statements: D1PreparedStatement[] = [];
  const newVersions: EditResult & { ok: true } = { ok: true, id: row.id, slug, newVersions: {} };
  for (const [lang, t] of Object.entries(input.texts) as [Lang, TextInput][]) {
    const version = await textVersion(t);
    newVersions.newVersions[lang] = version;
    statements.push(...textStatements(d1, row.id, lang, t, version));
  }
  if (input.featured) statements.push(featuredOnly(d1, row.id));
  if (statements.length > 0) await d1.batch(statements);
  return newVersions;
}

export async function updatePledge(d1: D1Database, pledge: { id: number; slug: string; status: string }, input: PledgeInput, now: number): Promise<EditResult> {
  if (input.slug !== undefined && input.slug !== pledge.slug) {
    // Links to a published pledge are out in the world: only a draft may be renamed.
    if (pledge.status !== 'draft') return { ok: false, codes: { slug: 'locked' } };
    const taken = await d1.prepare('SELECT 1 FROM pledges WHERE slug = ?1').bind(input.slug).first();
    if (taken) return { ok: false, codes: { slug: 'taken' } };
  }
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = ?${values.length + 1}`);
  };
  if (input.slug !== undefined) set('slug', input.slug);
  if (input.status !== undefined) set('status', input.status);
  if (input.goal !== undefined) set('goal', input.goal);
  if (input.opensAt !== undefined) set('opens_at', input.opensAt);
  if (input.closesAt !== undefined) set('closes_at', input.closesAt);
  if (input.featured !== undefined) set('featured', input.featured ? 1 : 0);
  if (input.defaultLang !== undefined) set('default_lang', input.defaultLang);
  if (input.retentionDays !== undefined) set('retention_days', input.retentionDays);
  // A new closing time or period: the retention job looks at the pledge again.
  if (input.closesAt !== undefined || input.retentionDays !== undefined) set('personal_data_erased_at', null);
  set('updated_at', now);
  const statements: D1PreparedStatement[] = [d1.prepare(`UPDATE pledges SET ${sets.join(', ')} WHERE id = ?1`).bind(pledge.id, ...values)];
  const current = await currentVersions(d1, pledge.id);
  const newVersions: Partial<Record<Lang, string>> = {};
  for (const [lang, t] of Object.entries(input.texts) as [Lang, TextInput][]) {
    const version = await textVersion(t);
    if (current.get(lang) === version) continue;
    newVersions[lang] = version;
    statements.push(...textStatements(d1, pledge.id, lang, t, version));
  }
  if (input.featured) statements.push(featuredOnly(d1, pledge.id));
  await d1.batch(statements);
  return { ok: true, id: pledge.id, slug: input.slug ?? pledge.slug, newVersions };
}

export type PledgeSummary = {
  id: number;
  slug: string;
  status: string;
  goal: number | null;
  opensAt: number | null;
  closesAt: number | null;
  featured: number;
  defaultLang: string;
  retentionDays: number;
  title: string | null;
  individuals: number;
  societies: number;
};

// Every pledge, drafts included (organisers only).
export async function listAllPledges(d1: D1Database): Promise<PledgeSummary[]> {
  const { results } = await d1
    .prepare(
      `SELECT p.id, p.slug, p.status, p.goal, p.opens_at AS opensAt, p.closes_at AS closesAt, p.featured, p.default_lang AS defaultLang, p.retention_days AS retentionDays,
         (SELECT title FROM pledge_texts t WHERE t.pledge_id = p.id AND t.current = 1 ORDER BY t.lang = p.default_lang DESC, t.id LIMIT 1) AS title,
         coalesce((SELECT value FROM counters c WHERE c.pledge_id = p.id AND c.metric = 'individuals' AND c.bucket = ''), 0) AS individuals,
         coalesce((SELECT value FROM counters c WHERE c.pledge_id = p.id AND c.metric = 'societies' AND c.bucket = ''), 0) AS societies
       FROM pledges p ORDER BY p.id`,
    )
    .all<PledgeSummary>();
  return results;
}

export async function textHistory(d1: D1Database, pledgeId: number) {
  const { results } = await d1
    .prepare(
      `SELECT t.lang, t.version, t.title, t.current, t.published_at AS publishedAt,
         (SELECT count(*) FROM signatures s WHERE s.pledge_id = t.pledge_id AND s.text_version = t.version) AS signatures
       FROM pledge_texts t WHERE t.pledge_id = ?1 ORDER BY t.lang, t.id DESC`,
    )
    .bind(pledgeId)
    .all<{ lang: string; version: string; title: string; current: number; publishedAt: number; signatures: number }>();
  return results;
}
