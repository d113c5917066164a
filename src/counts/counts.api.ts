import { Hono } from 'hono';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { publicCache } from '../http/cache.ts';
import { apiError } from '../http/errors.ts';
import { cachedHeaders, defineOperation, notFound, slugParams } from '../openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { getCounts } from './counts.queries.ts';
import { type CountsBody, CountsBody as CountsSchema } from './counts.schemas.ts';

export const countsApi = new Hono<AppEnv>();

export const countsOperation = defineOperation({
  method: 'get',
  path: '/api/pledges/:slug/counts',
  operationId: 'getCounts',
  summary: 'Current totals of a pledge',
  description: 'Answered from the counters. Cacheable for a few seconds; revalidate with If-None-Match.',
  tags: ['Counts'],
  params: slugParams,
  responses: { 200: { description: 'Totals', schema: CountsSchema, headers: cachedHeaders }, 304: { description: 'Not modified' }, 404: notFound },
});

countsApi.get('/pledges/:slug/counts', publicCache(), async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const counts = await getCounts(d, pledge.id);
  const body: CountsBody = { slug: pledge.slug, ...counts, goal: pledge.goal, status: pledge.status, closesAt: pledge.closesAt };
  return c.json(body);
});
