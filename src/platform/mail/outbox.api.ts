import { Hono } from 'hono';
import { z } from 'zod';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../http/errors.ts';
import { parseQuery, queryInt } from '../http/query.ts';
import { listOutbox } from './mailer.ts';

// GET /dev/outbox: the development transport's mails, newest first. 404 unless the
// development transport is configured (it is never configured in production).
export const outbox = new Hono<AppEnv>();

const outboxQuery = z.object({ limit: queryInt(1, 10_000) });

outbox.get('/dev/outbox', async (c) => {
  if (config(c.env).mail.transport !== 'dev') return apiError(c, 404, 'not_found', 'No such resource.');
  const query = parseQuery(c, outboxQuery);
  if (!query.ok) return query.response;
  return c.json(await listOutbox(c.env.DB, query.value.limit ?? 100));
});
