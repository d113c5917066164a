import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { cachedHeaders, defineOperation, notFound, slugParams } from '../platform/openapi/operation.ts';
import { cachedPledge } from '../pledges/pledges.cache.ts';
import { cachedCounts } from './counts.cache.ts';
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
  const pledge = await cachedPledge(c.env, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const counts = await cachedCounts(c.env, pledge.id);
  const body: CountsBody = { slug: pledge.slug, ...counts, goal: pledge.goal, status: pledge.status, closesAt: pledge.closesAt };
  return c.json(body);
});
