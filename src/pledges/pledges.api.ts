import { Hono } from 'hono';
import { getCounts } from './counters.queries.ts';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { defineOperation, notFound, slugParams } from '../platform/openapi/operation.ts';
import type { Pledge } from './pledges.ts';
import { PledgeDetail, PledgeList } from './pledges.schemas.ts';
import { getCurrentTexts, getPledgeBySlug, listPublicPledges } from './pledges.queries.ts';

export const pledgesApi = new Hono<AppEnv>();

export const pledgesOperations = [
  defineOperation({
    method: 'get',
    path: '/api/pledges',
    operationId: 'listPledges',
    summary: 'Published pledges',
    tags: ['Pledges'],
    responses: { 200: { description: 'Open and closed pledges', schema: PledgeList } },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug',
    operationId: 'getPledge',
    summary: 'A pledge with its current texts in every language and its totals',
    tags: ['Pledges'],
    params: slugParams,
    responses: { 200: { description: 'The pledge', schema: PledgeDetail }, 404: notFound },
  }),
];

function publicPledge(p: Pledge) {
  return { slug: p.slug, status: p.status, goal: p.goal, opensAt: p.opensAt, closesAt: p.closesAt, featured: p.featured, defaultLang: p.defaultLang };
}

pledgesApi.get('/pledges', async (c) => {
  const pledges = await listPublicPledges(db(c.env.DB));
  return c.json({ items: pledges.map(publicPledge) });
});

pledgesApi.get('/pledges/:slug', async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const [texts, counts] = await Promise.all([getCurrentTexts(d, pledge.id), getCounts(d, pledge.id)]);
  return c.json({ ...publicPledge(pledge), texts, counts });
});
