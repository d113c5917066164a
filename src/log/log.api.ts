// The public log's JSON API (mounted under /api) and the published key.
import { OpenAPIHono } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { createRoute, error, invalid, json, notFound as noPledge, openapi, slugParams } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { checkpointsQuery, consistencyQuery, entriesQuery, inclusionQuery } from './log.input.ts';
import * as q from './log.queries.ts';
import { CheckpointBody, CheckpointsPage, ConsistencyProof, EntriesPage, InclusionProof } from './log.schemas.ts';
import { consistencyProof, ensureCheckpoint, inclusionProof, LogKeyMissing, LogKeyRefused, signingKey, syncLog } from './log.ts';
import { noteKey } from './tlog.actions.ts';

export const logApi = new OpenAPIHono<AppEnv>();

const PAGE = 1000;

async function publicPledge(c: Context<AppEnv>, slug: string) {
  const pledge = await getPledgeBySlug(c.var.db, slug);
  return pledge && pledge.status !== 'draft' ? { id: pledge.id, slug: pledge.slug } : null;
}

const notFound = (c: Context) => apiError(c, 404, 'not_found', 'No such pledge.');
const badParam = (c: Context, field: string, message: string) => apiError(c, 400, 'validation_failed', message, { [field]: 'invalid' });
const unavailable = (c: Context) => {
  c.header('Retry-After', '60');
  return apiError(c, 503, 'log_unavailable', 'Checkpoints cannot be signed right now; try again later.');
};

function cached(c: Context, seconds: number) {
  c.header('Cache-Control', `public, max-age=${seconds}`);
}

// Runs work that needs the signing key; without the secret, the log answers 503.
async function needingKey<T>(c: Context, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof LogKeyMissing) return { ok: false, response: unavailable(c) };
    throw err;
  }
}

const tags = ['Public log'];
const noKey = error('Checkpoints cannot be signed (no signing key)', { 'Retry-After': 'Seconds to wait' });

const checkpoint = createRoute({
  method: 'get',
  path: '/pledges/{slug}/log/checkpoint',
  operationId: 'getLogCheckpoint',
  summary: 'The latest signed checkpoint of the public log',
  description: 'A new checkpoint is signed when the log grew, at most once per 10 s. The public key is at /.well-known/pledge-log-key.',
  tags,
  request: { params: slugParams },
  responses: { 200: json(CheckpointBody, 'The latest checkpoint'), 404: noPledge, 503: noKey },
});

openapi(logApi, checkpoint, async (c) => {
  const pledge = await publicPledge(c, c.req.valid('param').slug);
  if (!pledge) return notFound(c);
  const result = await needingKey(c, () => ensureCheckpoint(c.env, pledge, { now: Date.now() }));
  if (!result.ok) return result.response;
  const checkpoint = result.value;
  if (!checkpoint) return unavailable(c);
  cached(c, 10);
  return c.json(checkpoint);
});

const checkpoints = createRoute({
  method: 'get',
  path: '/pledges/{slug}/log/checkpoints',
  operationId: 'listLogCheckpoints',
  summary: 'Checkpoint history, newest first',
  tags,
  request: { params: slugParams, query: checkpointsQuery },
  responses: { 200: json(CheckpointsPage, 'A page'), 400: invalid, 404: noPledge },
});

openapi(logApi, checkpoints, async (c) => {
  const pledge = await publicPledge(c, c.req.valid('param').slug);
  if (!pledge) return notFound(c);
  const { before, limit = 100 } = c.req.valid('query');
  const rows = await q.checkpointsBefore(c.env.DB, pledge.id, before ?? Number.MAX_SAFE_INTEGER, limit);
  const last = rows.at(-1);
  cached(c, 10);
  return c.json({
    pledge: pledge.slug,
    checkpoints: rows.map((r) => ({ pledge: pledge.slug, ...r })),
    next: rows.length === limit && last ? `/api/pledges/${pledge.slug}/log/checkpoints?before=${last.treeSize}&limit=${limit}` : null,
  });
});

const consistency = createRoute({
  method: 'get',
  path: '/pledges/{slug}/log/consistency',
  operationId: 'getLogConsistencyProof',
  summary: 'RFC 6962 consistency proof between two tree sizes',
  tags,
  request: { params: slugParams, query: consistencyQuery },
  responses: { 200: json(ConsistencyProof, 'The proof'), 400: invalid, 404: noPledge },
});

openapi(logApi, consistency, async (c) => {
  const pledge = await publicPledge(c, c.req.valid('param').slug);
  if (!pledge) return notFound(c);
  const { first, second } = c.req.valid('query') as { first: number; second: number };
  const size = await syncLog(c.env.DB, pledge);
  if (second > size) return badParam(c, 'second', `The log has ${size} entries.`);
  cached(c, 300);
  return c.json({ first, second, proof: await consistencyProof(c.env.DB, pledge.id, first, second) });
});

const inclusion = createRoute({
  method: 'get',
  path: '/pledges/{slug}/log/inclusion',
  operationId: 'getLogInclusionProof',
  summary: 'RFC 6962 audit path of a leaf in a tree of a given size',
  tags,
  request: { params: slugParams, query: inclusionQuery },
  responses: { 200: json(InclusionProof, 'The audit path'), 400: invalid, 404: noPledge },
});

openapi(logApi, inclusion, async (c) => {
  const pledge = await publicPledge(c, c.req.valid('param').slug);
  if (!pledge) return notFound(c);
  const { index, treeSize } = c.req.valid('query') as { index: number; treeSize: number };
  const size = await syncLog(c.env.DB, pledge);
  if (treeSize > size) return badParam(c, 'treeSize', `The log has ${size} entries.`);
  const [entry] = await q.publicEntries(c.env.DB, pledge.id, index, index + 1);
  cached(c, 300);
  return c.json({ index, treeSize, leafHash: entry?.leafHash, proof: await inclusionProof(c.env.DB, pledge.id, index, treeSize) });
});

const entries = createRoute({
  method: 'get',
  path: '/pledges/{slug}/log/entries',
  operationId: 'listLogEntries',
  summary: 'Entries [start, end) of the public log, at most 1000 at a time',
  tags,
  request: { params: slugParams, query: entriesQuery },
  responses: { 200: json(EntriesPage, 'A page'), 400: invalid, 404: noPledge },
});

// The entries [start, end), at most 1000 at a time, in order.
openapi(logApi, entries, async (c) => {
  const pledge = await publicPledge(c, c.req.valid('param').slug);
  if (!pledge) return notFound(c);
  const { start = 0, end: wanted } = c.req.valid('query');
  const size = await syncLog(c.env.DB, pledge);
  const end = Math.min(wanted ?? start + PAGE, start + PAGE, size);
  const entries = start < end ? await q.publicEntries(c.env.DB, pledge.id, start, end) : [];
  cached(c, 10);
  return c.json({
    pledge: pledge.slug,
    size,
    start,
    end: Math.max(start, end),
    entries,
    next: end < Math.min(wanted ?? size, size) ? `/api/pledges/${pledge.slug}/log/entries?start=${end}${wanted !== undefined ? `&end=${wanted}` : ''}` : null,
  });
});

// The checkpoint signing key (Ed25519), for verifiers.
export const wellKnown = new Hono<AppEnv>();

wellKnown.get('/.well-known/pledge-log-key', async (c) => {
  let key;
  try {
    key = await signingKey(c.env);
  } catch (err) {
    if (err instanceof LogKeyRefused) return apiError(c, 503, 'log_unavailable', err.message);
    if (err instanceof LogKeyMissing) return apiError(c, 404, 'not_found', 'This site does not sign checkpoints.');
    throw err;
  }
  // vkey: the note verifier key (c2sp.org/signed-note) of the checkpoint notes at
  // /log/:slug/checkpoint; absent while PUBLIC_URL is not set.
  const note = await noteKey(c.env).catch(() => null);
  c.header('Cache-Control', 'public, max-age=3600');
  c.header('Access-Control-Allow-Origin', '*');
  return c.json({ ...key.info, jwk: key.jwk, ...(note ? { vkey: note.vkey } : {}) });
});
