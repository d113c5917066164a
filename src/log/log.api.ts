// The public log's JSON API (mounted under /api) and the published key.
import { type Context, Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { consistencyProof, ensureCheckpoint, inclusionProof, LogKeyMissing, LogKeyRefused, signingKey, syncLog } from './log.ts';
import { noteKey } from './tlog.actions.ts';
import * as q from './log.queries.ts';

export const logApi = new Hono<AppEnv>();

const PAGE = 1000;

async function publicPledge(c: Context<AppEnv>) {
  const pledge = await getPledgeBySlug(db(c.env.DB), c.req.param('slug') ?? '');
  return pledge && pledge.status !== 'draft' ? { id: pledge.id, slug: pledge.slug } : null;
}

// A non-negative integer query parameter, or undefined when absent; null when invalid.
function intQuery(c: Context, name: string): number | undefined | null {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
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

logApi.get('/pledges/:slug/log/checkpoint', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const result = await needingKey(c, () => ensureCheckpoint(c.env, pledge, { now: Date.now() }));
  if (!result.ok) return result.response;
  const checkpoint = result.value;
  if (!checkpoint) return unavailable(c);
  cached(c, 10);
  return c.json(checkpoint);
});

// History, newest first: ?before=<tree size>&limit=<1..100>.
logApi.get('/pledges/:slug/log/checkpoints', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const before = intQuery(c, 'before');
  const limit = intQuery(c, 'limit');
  if (before === null) return badParam(c, 'before', 'before must be a tree size.');
  if (limit === null || (limit !== undefined && (limit < 1 || limit > 100))) return badParam(c, 'limit', 'limit must be between 1 and 100.');
  const rows = await q.checkpointsBefore(c.env.DB, pledge.id, before ?? Number.MAX_SAFE_INTEGER, limit ?? 100);
  const last = rows.at(-1);
  cached(c, 10);
  return c.json({
    pledge: pledge.slug,
    checkpoints: rows.map((r) => ({ pledge: pledge.slug, ...r })),
    next: rows.length === (limit ?? 100) && last ? `/api/pledges/${pledge.slug}/log/checkpoints?before=${last.treeSize}&limit=${limit ?? 100}` : null,
  });
});

// ?first=&second=: RFC 6962 consistency proof between two tree sizes.
logApi.get('/pledges/:slug/log/consistency', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const first = intQuery(c, 'first');
  const second = intQuery(c, 'second');
  if (first == null) return badParam(c, 'first', 'first must be a tree size.');
  if (second == null || second < first) return badParam(c, 'second', 'second must be a tree size not smaller than first.');
  const size = await syncLog(c.env.DB, pledge);
  if (second > size) return badParam(c, 'second', `The log has ${size} entries.`);
  cached(c, 300);
  return c.json({ first, second, proof: await consistencyProof(c.env.DB, pledge.id, first, second) });
});

// ?index=&treeSize=: RFC 6962 audit path of one leaf.
logApi.get('/pledges/:slug/log/inclusion', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const index = intQuery(c, 'index');
  const treeSize = intQuery(c, 'treeSize');
  if (index == null) return badParam(c, 'index', 'index must be a leaf index.');
  if (treeSize == null || index >= treeSize) return badParam(c, 'treeSize', 'treeSize must be greater than index.');
  const size = await syncLog(c.env.DB, pledge);
  if (treeSize > size) return badParam(c, 'treeSize', `The log has ${size} entries.`);
  const [entry] = await q.publicEntries(c.env.DB, pledge.id, index, index + 1);
  cached(c, 300);
  return c.json({ index, treeSize, leafHash: entry?.leafHash, proof: await inclusionProof(c.env.DB, pledge.id, index, treeSize) });
});

// ?start=&end=: the entries [start, end), at most 1000 at a time, in order.
logApi.get('/pledges/:slug/log/entries', async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFound(c);
  const from = intQuery(c, 'start');
  const wanted = intQuery(c, 'end');
  if (from === null) return badParam(c, 'start', 'start must be a leaf index.');
  const start = from ?? 0;
  if (wanted === null || (wanted !== undefined && wanted < start)) return badParam(c, 'end', 'end must not be smaller than start.');
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
