import { Hono } from 'hono';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../http/errors.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { connectLive } from './notify.ts';

export const liveApi = new Hono<AppEnv>();

// GET /api/pledges/:slug/live: a WebSocket; each message is {"type":"counts",...}.
liveApi.get('/pledges/:slug/live', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return apiError(c, 426, 'upgrade_required', 'This endpoint takes a WebSocket upgrade.');
  const pledge = await getPledgeBySlug(db(c.env.DB), c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  return connectLive(c.env, pledge.id, c.req.raw);
});
