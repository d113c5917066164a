import { Hono } from 'hono';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../http/errors.ts';
import { listOutbox } from './mailer.ts';

// GET /dev/outbox: the development transport's mails, newest first. 404 unless the
// development transport is configured (it is never configured in production).
export const outbox = new Hono<AppEnv>();

outbox.get('/dev/outbox', async (c) => {
  if (config(c.env).mail.transport !== 'dev') return apiError(c, 404, 'not_found', 'No such resource.');
  const limit = Math.min(Math.max(Number(c.req.query('limit')) || 100, 1), 10_000);
  return c.json(await listOutbox(c.env.DB, limit));
});
