import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/env.ts';
import { apiError } from '../../platform/http/errors.ts';
import { createRoute, error, json, named, notFound, openapi, slugParams, z } from '../../platform/openapi/operation.ts';
import { cachedPledge } from '../../pledges/pledges.cache.ts';
import { BROADCAST_INTERVAL_MS, connectLive } from './live.ts';

export const liveApi = new OpenAPIHono<AppEnv>();

const LiveMessage = named(
  'LiveMessage',
  z.object({ type: z.literal('counts'), individuals: z.number().int(), societies: z.number().int(), updatedAt: z.number().int() }),
  'One WebSocket text message.',
);

const route = createRoute({
  method: 'get',
  path: '/pledges/{slug}/live',
  operationId: 'liveCounts',
  summary: 'WebSocket: the totals, pushed as they change',
  description:
    'Open with Upgrade: websocket. The server sends a LiveMessage at once and after every change of the totals, coalesced to at most one ' +
    `message per ${BROADCAST_INTERVAL_MS} ms; the last message after a burst is exact. Send the text "ping" to get "pong" (keep-alive). ` +
    'Where WebSockets fail, poll GET /api/pledges/{slug}/counts.',
  tags: ['Counts'],
  request: { params: slugParams },
  responses: {
    101: json(LiveMessage, 'Switching protocols; each message is a LiveMessage (JSON text)'),
    404: notFound,
    426: error('Not a WebSocket upgrade'),
  },
});

// A WebSocket; each message is {"type":"counts",...}.
openapi(liveApi, route, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return apiError(c, 426, 'upgrade_required', 'This endpoint takes a WebSocket upgrade.');
  // From the isolate's read cache: a crowd opening sockets costs no D1 round trip each.
  const pledge = await cachedPledge(c.env, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  return connectLive(c.env, pledge.id, c.req.raw);
});
