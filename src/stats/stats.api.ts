import { Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { cachedHeaders, defineOperation, notFound, slugParams } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { z } from 'zod';
import { StatsBody } from '../counts/counts.schemas.ts';
import { pledgeStats } from './stats.ts';

export const statsApi = new Hono<AppEnv>();

export const statsOperation = defineOperation({
  method: 'get',
  path: '/api/pledges/:slug/stats',
  operationId: 'getStats',
  summary: 'Breakdowns and time series of confirmed signatures',
  description:
    'By field, region and society membership, from a snapshot of the counters taken at most once per UTC hour (every answer within the hour is the same, ' +
    'so two answers cannot be differenced down to one signer). Groups smaller than minGroupSize are published only together, as one entry with key "*", ' +
    '"count": null and "suppressed": true, never by key; when only one group would be suppressed, the next smallest is suppressed too. Labels follow ?lang=.',
  tags: ['Counts'],
  params: slugParams,
  query: z.object({ lang: z.enum(['zh-Hans', 'zh-Hant', 'en']).optional().describe('Language of the labels') }),
  responses: { 200: { description: 'Statistics', schema: StatsBody, headers: cachedHeaders }, 304: { description: 'Not modified' }, 404: notFound },
});

statsApi.get('/pledges/:slug/stats', publicCache(30, 300), async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  return c.json(await pledgeStats(d, pledge, c.get('lang')));
});
