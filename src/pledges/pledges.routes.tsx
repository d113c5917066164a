import { Hono } from 'hono';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage, renderPledgePage } from './pledge.page.tsx';
import { getFeaturedPledge } from './pledges.queries.ts';

export const pledgePages = new Hono<AppEnv>();

pledgePages.get('/', async (c) => {
  const featured = await getFeaturedPledge(db(c.env.DB));
  if (!featured) return notFoundPage(c);
  const lang = c.req.query('lang');
  return c.redirect(`/p/${featured.slug}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, 302);
});

pledgePages.get('/p/:slug', (c) => renderPledgePage(c, c.req.param('slug')));
