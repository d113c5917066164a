import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type Db, db } from '../platform/db/client.ts';
import { counters, pledges, pledgeTexts, signatures } from '../platform/db/schema.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { textVersion } from '../pledges/pledges.ts';
import type { PledgeInput, TextInput } from './pledge-editor.input.ts';

// Creating and editing pledges. A changed text becomes a new version row (the old one
// stays, current = 0), so earlier signatures keep pointing at what they signed.

export type EditResult = { ok: true; id: number; slug: string; newVersions: Partial<Record<Lang, string>> } | { ok: false; codes: Record<string, string> };

type Statement = BatchItem<'sqlite'>;

const textStatements = (d: Db, pledgeId: number, lang: Lang, t: TextInput, version: string): Statement[] => [
  d
    .update(pledgeTexts)
    .set({ current: false })
    .where(and(eq(pledgeTexts.pledgeId, pledgeId), eq(pledgeTexts.lang, lang), ne(pledgeTexts.version, version), eq(pledgeTexts.current, true))),
  d
    .insert(pledgeTexts)
    .values({ pledgeId, lang, version, title: t.title, subtitle: t.subtitle, body: t.body, societiesHeading: t.societiesHeading, current: true })
    .onConflictDoUpdate({ target: [pledgeTexts.pledgeId, pledgeTexts.lang, pledgeTexts.version], set: { current: true } }),
];

async function currentVersions(d: Db, pledgeId: number): Promise<Map<string, string>> {
  const rows = await d
    .select({ lang: pledgeTexts.lang, version: pledgeTexts.version })
    .from(pledgeTexts)
    .where(and(eq(pledgeTexts.pledgeId, pledgeId), eq(pledgeTexts.current, true)))
    .all();
  return new Map(rows.map((r) => [r.lang, r.version]));
}

const featuredOnly = (d: Db, id: number) =>
  d
    .update(pledges)
    .set({ featured: false })
    .where(and(ne(pledges.id, id), eq(pledges.featured, true)));

// The new texts' statements, and the version each language gets.
async function newTexts(d: Db, pledgeId: number, input: PledgeInput, current: Map<string, string>) {
  const statements: Statement[] = [];
  const versions: Partial<Record<Lang, string>> = {};
  for (const [lang, t] of Object.entries(input.texts) as [Lang, TextInput][]) {
    const version = await textVersion(t);
    if (current.get(lang) === version) continue;
    versions[lang] = version;
    statements.push(...textStatements(d, pledgeId, lang, t, version));
  }
  if (input.featured) statements.push(featuredOnly(d, pledgeId));
  return { statements, versions };
}

export async function createPledge(d1: D1Database, input: PledgeInput, now: number): Promise<EditResult> {
  const d = db(d1);
  const slug = input.slug!;
  const row = await d
    .insert(pledges)
    .values({
      slug,
      status: input.status ?? 'draft',
      goal: input.goal ?? null,
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      featured: input.featured ?? false,
      defaultLang: input.defaultLang ?? 'zh-Hans',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: pledges.slug })
    .returning({ id: pledges.id })
    .get();
  if (!row) return { ok: false, codes: { slug: 'taken' } };
  const { statements, versions } = await newTexts(d, row.id, input, new Map());
  const [first, ...rest] = statements;
  if (first) await d.batch([first, ...rest]);
  return { ok: true, id: row.id, slug, newVersions: versions };
}

export async function updatePledge(d1: D1Database, pledge: { id: number; slug: string; status: string }, input: PledgeInput, now: number): Promise<EditResult> {
  const d = db(d1);
  if (input.slug !== undefined && input.slug !== pledge.slug) {
    // Links to a published pledge are out in the world: only a draft may be renamed.
    if (pledge.status !== 'draft') return { ok: false, codes: { slug: 'locked' } };
    const taken = await d.select({ id: pledges.id }).from(pledges).where(eq(pledges.slug, input.slug)).get();
    if (taken) return { ok: false, codes: { slug: 'taken' } };
  }
  // Only the fields the input names change (drizzle leaves undefined ones out).
  const change = d
    .update(pledges)
    .set({
      slug: input.slug,
      status: input.status,
      goal: input.goal,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      featured: input.featured,
      defaultLang: input.defaultLang,
      updatedAt: now,
    })
    .where(eq(pledges.id, pledge.id));
  const { statements, versions } = await newTexts(d, pledge.id, input, await currentVersions(d, pledge.id));
  await d.batch([change, ...statements]);
  return { ok: true, id: pledge.id, slug: input.slug ?? pledge.slug, newVersions: versions };
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
  title: string | null;
  individuals: number;
  societies: number;
};

// Every pledge, drafts included (organisers only).
export async function listAllPledges(d1: D1Database): Promise<PledgeSummary[]> {
  const total = (metric: string) =>
    sql<number>`coalesce((SELECT ${counters.value} FROM ${counters} WHERE ${counters.pledgeId} = ${pledges.id} AND ${counters.metric} = ${metric} AND ${counters.bucket} = ''), 0)`;
  return db(d1)
    .select({
      id: pledges.id,
      slug: pledges.slug,
      status: pledges.status,
      goal: pledges.goal,
      opensAt: pledges.opensAt,
      closesAt: pledges.closesAt,
      featured: sql<number>`${pledges.featured}`,
      defaultLang: pledges.defaultLang,
      // The title in the pledge's default language, else the first written.
      title: sql<string | null>`(SELECT ${pledgeTexts.title} FROM ${pledgeTexts} WHERE ${pledgeTexts.pledgeId} = ${pledges.id} AND ${pledgeTexts.current} = 1
        ORDER BY ${pledgeTexts.lang} = ${pledges.defaultLang} DESC, ${pledgeTexts.id} LIMIT 1)`,
      individuals: total('individuals'),
      societies: total('societies'),
    })
    .from(pledges)
    .orderBy(asc(pledges.id))
    .all();
}

export async function textHistory(d1: D1Database, pledgeId: number) {
  return db(d1)
    .select({
      lang: pledgeTexts.lang,
      version: pledgeTexts.version,
      title: pledgeTexts.title,
      current: sql<number>`${pledgeTexts.current}`,
      publishedAt: pledgeTexts.publishedAt,
      signatures: db(d1).$count(signatures, and(eq(signatures.pledgeId, pledgeTexts.pledgeId), eq(signatures.textVersion, pledgeTexts.version))),
    })
    .from(pledgeTexts)
    .where(eq(pledgeTexts.pledgeId, pledgeId))
    .orderBy(asc(pledgeTexts.lang), desc(pledgeTexts.id))
    .all();
}
