import { Hono } from 'hono';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../http/errors.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { getCounts } from './counts.queries.ts';

export const countsApi = new Hono<AppEnv>();

countsApi.get('/pledges/:slug/counts', async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const counts = await getCounts(d, pledge.id);
  return c.json({ slug: pledge.slug, ...counts, goal: pledge.goal, status: pledge.status });
});
