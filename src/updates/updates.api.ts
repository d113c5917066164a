import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { cachedHeaders, createRoute, json, notFound, notModified, openapi, slugParams } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { listUpdates } from './updates.queries.ts';
import { UpdateList } from './updates.schemas.ts';

export const updatesApi = new OpenAPIHono<AppEnv>();

const list = createRoute({
  method: 'get',
  path: '/pledges/{slug}/updates',
  operationId: 'listPledgeUpdates',
  summary: "The pledge's updates and milestones, newest first",
  description: 'Updates published by the organisers and milestones (the count crossed the goal or a threshold the organisers set), each dated. Never any signer data.',
  tags: ['Pledges'],
  middleware: [publicCache()] as const,
  request: { params: slugParams },
  responses: { 200: json(UpdateList, 'The updates', cachedHeaders), 304: notModified, 404: notFound },
});

openapi(updatesApi, list, async (c) => {
  const pledge = await getPledgeBySlug(c.var.db, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  return c.json({ items: await listUpdates(c.var.db, pledge.id, 200) });
});
