import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { endorsements, pledges, pledgeTexts, societies } from '../platform/db/schema.ts';
import { ENDORSEMENT } from '../platform/db/states.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import type { Pledge, PledgeText } from './pledges.ts';

const pledgeColumns = {
  id: pledges.id,
  slug: pledges.slug,
  status: pledges.status,
  goal: pledges.goal,
  opensAt: pledges.opensAt,
  closesAt: pledges.closesAt,
  featured: pledges.featured,
  defaultLang: pledges.defaultLang,
  counterNoun: pledges.counterNoun,
  retentionDays: pledges.retentionDays,
};

export async function getPledgeBySlug(db: Db, slug: string): Promise<Pledge | undefined> {
  const [row] = await db.select(pledgeColumns).from(pledges).where(eq(pledges.slug, slug)).limit(1);
  return row;
}

export async function getFeaturedPledge(db: Db): Promise<Pledge | undefined> {
  const [row] = await db
    .select(pledgeColumns)
    .from(pledges)
    .where(and(eq(pledges.featured, true), sql`${pledges.status} != 'draft'`))
    .orderBy(desc(pledges.id))
    .limit(1);
  return row;
}

export async function listPublicPledges(db: Db): Promise<Pledge[]> {
  return db.select(pledgeColumns).from(pledges).where(sql`${pledges.status} != 'draft'`).orderBy(asc(pledges.id));
}

const textColumns = {
  lang: pledgeTexts.lang,
  version: pledgeTexts.version,
  title: pledgeTexts.title,
  subtitle: pledgeTexts.subtitle,
  body: pledgeTexts.body,
  societiesHeading: pledgeTexts.societiesHeading,
};

// Current texts of every language of a pledge.
export async function getCurrentTexts(db: Db, pledgeId: number): Promise<PledgeText[]> {
  return db
    .select(textColumns)
    .from(pledgeTexts)
    .where(and(eq(pledgeTexts.pledgeId, pledgeId), eq(pledgeTexts.current, true)))
    .orderBy(asc(pledgeTexts.id));
}

// The current text in the wanted language, else in the pledge's default language, else any.
export function pickText(texts: PledgeText[], lang: Lang, defaultLang: string): PledgeText | undefined {
  return texts.find((t) => t.lang === lang) ?? texts.find((t) => t.lang === defaultLang) ?? texts[0];
}

export async function isKnownVersion(db: Db, pledgeId: number, version: string): Promise<boolean> {
  const [row] = await db
    .select({ id: pledgeTexts.id })
    .from(pledgeTexts)
    .where(and(eq(pledgeTexts.pledgeId, pledgeId), eq(pledgeTexts.version, version)))
    .limit(1);
  return row !== undefined;
}

export type EndorsingSociety = {
  id: number;
  nameHans: string | null;
  nameHant: string | null;
  nameEn: string | null;
  website: string | null;
  category: string;
  founding: boolean;
  verifiedAt: number | null;
};

// Verified endorsements: founders in seed order, then the rest by verification time.
export async function listEndorsingSocieties(db: Db, pledgeId: number): Promise<EndorsingSociety[]> {
  return db
    .select({
      id: societies.id,
      nameHans: societies.nameHans,
      nameHant: societies.nameHant,
      nameEn: societies.nameEn,
      website: societies.website,
      category: societies.category,
      founding: endorsements.founding,
      verifiedAt: endorsements.verifiedAt,
    })
    .from(endorsements)
    .innerJoin(societies, eq(societies.id, endorsements.societyId))
    .where(and(eq(endorsements.pledgeId, pledgeId), eq(endorsements.state, ENDORSEMENT.verified)))
    .orderBy(desc(endorsements.founding), asc(endorsements.position), asc(endorsements.verifiedAt), asc(endorsements.id));
}

// A society's name in the visitor's language, falling back across scripts.
export function societyName(s: Pick<EndorsingSociety, 'nameHans' | 'nameHant' | 'nameEn'>, lang: Lang): string {
  const order = lang === 'en' ? [s.nameEn, s.nameHans, s.nameHant] : lang === 'zh-Hant' ? [s.nameHant, s.nameHans, s.nameEn] : [s.nameHans, s.nameHant, s.nameEn];
  return order.find((n): n is string => !!n) ?? '';
}

// The slug of a pledge by id (a token page knows only the signature's pledge id).
export async function pledgeSlug(db: Db, pledgeId: number): Promise<string | null> {
  const row = await db.select({ slug: pledges.slug }).from(pledges).where(eq(pledges.id, pledgeId)).get();
  return row?.slug ?? null;
}
