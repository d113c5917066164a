import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { getCurrentTexts, getPledgeBySlug, pickText } from '../pledges/pledges.queries.ts';
import { individualsLabel } from '../pledges/pledges.ts';
import { StatsPage } from './StatsPage.tsx';
import { pledgeStats } from './stats.ts';

export const statsPages = new Hono<AppEnv>();

statsPages.get('/p/:slug/stats', async (c) => {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  const lang = c.get('lang');
  const [texts, stats] = await Promise.all([getCurrentTexts(d, pledge.id), pledgeStats(d, pledge, lang)]);
  const title = pickText(texts, lang, pledge.defaultLang)?.title ?? pledge.slug;
  return c.html(<StatsPage lang={lang} title={title} individualsLabel={individualsLabel(pledge, lang)} stats={stats} />);
});
