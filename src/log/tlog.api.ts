// The public log in the C2SP formats, as plain Hono routes (text and binary bodies):
// GET /log/:slug/checkpoint (c2sp.org/tlog-checkpoint signed note), /log/:slug/counts
// (the signed counts note), /log/:slug/tile/... (c2sp.org/tlog-tiles). CORS * on every
// public log resource, so third-party monitors can read them from a browser.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../platform/env.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { ensureCheckpoint, LogKeyMissing } from './log.ts';
import { checkpointNote, countsNote, LogOriginMissing, tile } from './tlog.actions.ts';
import { parseTilePath, TILE_WIDTH } from './tlog.ts';
import { requestCosignatures } from './witnesses.ts';

export const tlogApi = new Hono<AppEnv>();

// For /log/*, /api/pledges/:slug/log/* and /.well-known/pledge-log-key (src/index.ts).
export const publicLogCors: MiddlewareHandler = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400 });

tlogApi.use('/log/*', publicLogCors);

async function publicPledge(c: Context<AppEnv>) {
  const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '');
  return pledge && pledge.status !== 'draft' ? { id: pledge.id, slug: pledge.slug } : null;
}

const text = (c: Context, status: 200 | 400 | 404 | 503, body: string, cache: string) => {
  c.header('Cache-Control', cache);
  c.header('Content-Type', 'text/plain; charset=utf-8');
  return c.body(body, status);
};
const notFound = (c: Context, what = 'No such pledge.') => text(c, 404, `${what}\n`, 'no-store');
const unavailable = (c: Context, err: Error) => {
  c.header('Retry-After', '60');
  return text(c, 503, `${err.message}\n`, 'no-store');
};

async function latestNote(c: Context<AppEnv>, which: 'checkpoint' | 'counts') {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  try {
    const checkpoint = await ensureCheckpoint(c.env, pledge, { now: Date.now() });
    if (!checkpoint) return unavailable(c, new Error('No checkpoint has been signed yet; try again later.'));
    // Witnesses that have not cosigned this size yet are asked now (5 s at most each).
    if (which === 'checkpoint' && c.env.LOG_WITNESSES) await requestCosignatures(c.env, pledge, checkpoint);
    const note = which === 'checkpoint' ? await checkpointNote(c.env, pledge, checkpoint) : await countsNote(c.env, checkpoint);
    return text(c, 200, note, 'public, max-age=5');
  } catch (err) {
    if (err instanceof LogKeyMissing || err instanceof LogOriginMissing) return unavailable(c, err);
    throw err;
  }
}

tlogApi.get('/log/:slug/checkpoint', (c) => latestNote(c, 'checkpoint'));
tlogApi.get('/log/:slug/counts', (c) => latestNote(c, 'counts'));

// Full tiles never change (a year, immutable); partial ones are replaced by the full
// tile in time, so they are cached briefly.
tlogApi.get('/log/:slug/tile/*', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const rest = c.req.path.slice(`/log/${pledge.slug}/tile/`.length);
  const ref = parseTilePath(rest);
  if (!ref) return text(c, 400, 'Not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N in 3-digit groups (x001/x234/067).\n', 'no-store');
  const bytes = await tile(c.env, pledge, ref);
  if (!bytes) return notFound(c, 'No such tile (yet).');
  c.header('Content-Type', 'application/octet-stream');
  c.header('Cache-Control', ref.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=10');
  return c.body(bytes, 200);
});
