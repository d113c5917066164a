import type { Context } from 'hono';
import { QUEUE_STATES } from '../endorsements/endorsements.ts';
import { pledgeIdFor } from './admin.actions.ts';
import type { AdminEnv } from './auth.ts';
import type { BulkRejectBody, QueueQuery } from './endorsement-queue.input.ts';
import { listQueue, type QueueFilter } from './endorsement-queue.queries.ts';
import { decodeQueueCursor, encodeQueueCursor, endorsementItem, QUEUE_LIMIT } from './endorsement-queue.ts';

// Request glue shared by the queue's JSON API and console page.
type C = Context<AdminEnv>;

export type QueuePage = { state: QueueQuery['state']; items: ReturnType<typeof endorsementItem>[]; next: string | null; total: number };

// A page of the queue for a parsed query; 'unknown' when the pledge filter names no pledge.
export async function queuePage(c: C, query: QueueQuery): Promise<QueuePage | 'unknown'> {
  const pledgeId = await pledgeIdFor(c, query.pledge);
  if (pledgeId === 'unknown') return 'unknown';
  const filter: QueueFilter = { state: QUEUE_STATES[query.state], pledgeId, q: query.q?.trim() || null };
  const cursor = query.cursor ? decodeQueueCursor(query.cursor) : null;
  const { rows, more, total } = await listQueue(c.env.DB, filter, { sort: query.sort, cursor, limit: query.limit ?? QUEUE_LIMIT.default });
  const last = rows.at(-1);
  return {
    state: query.state,
    items: rows.map(({ queuedAt: _q, ...r }) => endorsementItem(r)),
    next: more && last ? encodeQueueCursor({ at: last.queuedAt, id: last.id }) : null,
    total,
  };
}

// The bulk rejection filter of a parsed body; 'unknown' when the pledge filter names no pledge.
export async function bulkRejectFilter(c: C, body: BulkRejectBody): Promise<QueueFilter | 'unknown'> {
  const pledgeId = await pledgeIdFor(c, body.pledge);
  if (pledgeId === 'unknown') return 'unknown';
  return { state: QUEUE_STATES[body.state], pledgeId, q: body.q?.trim() || null, ipHash: body.ipHash ?? null, emailDomain: body.emailDomain ?? null };
}
