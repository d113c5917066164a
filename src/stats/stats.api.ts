import { OpenAPIHono } from '@hono/zod-openapi';
import { StatsBody } from '../counts/counts.schemas.ts';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { LANGS } from '../platform/i18n/lang.ts';
import { cachedHeaders, createRoute, json, notFound, notModified, openapi, slugParams, z } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { pledgeStats } from './stats.ts';

export const statsApi = new OpenAPIHono<AppEnv>();

const route = createRoute({
  method: 'get',
  path: '/pledges/{slug}/stats',
  operationId: 'getStats',
  summary: 'Breakdowns and time series of confirmed signatures',
  description:
    'By field, region and society membership, from a snapshot of the counters taken at most once per UTC hour (every answer within the hour is the same, ' +
    'so two answers cannot be differenced down to one signer). Groups smaller than minGroupSize are published only together, as one entry with key "*", ' +
    '"count": null and "suppressed": true, never by key; when only one group would be suppressed, the next smallest is suppressed too. Labels follow ?lang=.',
  tags: ['Counts'],
  middleware: [publicCache(30, 300)] as const,
  // ?lang= is read by the language middleware (an unknown value falls back, as on pages).
  request: {
    params: slugParams,
    query: z.object({
      lang: z
        .string()
        .optional()
        .describe(`Language of the labels: ${LANGS.join(' | ')}`),
    }),
  },
  responses: { 200: json(StatsBody, 'Statistics', cachedHeaders), 304: notModified, 404: notFound },
});

openapi(statsApi, route, async (c) => {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  return c.json(await pledgeStats(d, pledge, c.get('lang')));
});
