import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { cachedHeaders, createRoute, json, notFound, notModified, openapi, slugParams } from '../platform/openapi/operation.ts';
import { cachedPledge } from '../pledges/pledges.cache.ts';
import { cachedCounts, cachedVerified } from './counts.cache.ts';
import { type CountsBody, CountsBody as CountsSchema } from './counts.schemas.ts';

export const countsApi = new OpenAPIHono<AppEnv>();

const route = createRoute({
  method: 'get',
  path: '/pledges/{slug}/counts',
  operationId: 'getCounts',
  summary: 'Current totals of a pledge',
  description:
    'Answered from the counters (and `verified` from an index of confirmed signatures by verification level). Cacheable for a few seconds; revalidate with If-None-Match.',
  tags: ['Counts'],
  middleware: [publicCache()] as const,
  request: { params: slugParams },
  responses: { 200: json(CountsSchema, 'Totals', cachedHeaders), 304: notModified, 404: notFound },
});

openapi(countsApi, route, async (c) => {
  const pledge = await cachedPledge(c.env, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const [counts, verified] = await Promise.all([cachedCounts(c.env, pledge.id), cachedVerified(c.env, pledge.id)]);
  const body: CountsBody = { slug: pledge.slug, ...counts, verified, goal: pledge.goal, status: pledge.status, closesAt: pledge.closesAt };
  return c.json(body);
});
