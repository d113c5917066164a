import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { createRoute, json, notFound, openapi, slugParams } from '../platform/openapi/operation.ts';
import { getCounts } from './counters.queries.ts';
import { getCurrentTexts, getPledgeBySlug, listPublicPledges } from './pledges.queries.ts';
import { PledgeDetail, PledgeList } from './pledges.schemas.ts';
import type { Pledge } from './pledges.ts';

export const pledgesApi = new OpenAPIHono<AppEnv>();

function publicPledge(p: Pledge) {
  return { slug: p.slug, status: p.status, goal: p.goal, opensAt: p.opensAt, closesAt: p.closesAt, featured: p.featured, defaultLang: p.defaultLang };
}

const list = createRoute({
  method: 'get',
  path: '/pledges',
  operationId: 'listPledges',
  summary: 'Published pledges',
  tags: ['Pledges'],
  responses: { 200: json(PledgeList, 'Open and closed pledges') },
});

openapi(pledgesApi, list, async (c) => {
  const pledges = await listPublicPledges(c.var.db);
  return c.json({ items: pledges.map(publicPledge) });
});

const get = createRoute({
  method: 'get',
  path: '/pledges/{slug}',
  operationId: 'getPledge',
  summary: 'A pledge with its current texts in every language and its totals',
  tags: ['Pledges'],
  request: { params: slugParams },
  responses: { 200: json(PledgeDetail, 'The pledge'), 404: notFound },
});

openapi(pledgesApi, get, async (c) => {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const [texts, counts] = await Promise.all([getCurrentTexts(d, pledge.id), getCounts(d, pledge.id)]);
  return c.json({ ...publicPledge(pledge), texts, counts });
});
