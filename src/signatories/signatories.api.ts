import { type Context, Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { parseQuery } from '../platform/http/query.ts';
import { cachedHeaders, defineOperation, invalid, notFound, slugParams } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { decodeCursor, encodeCursor } from './signatories.ts';
import { exportSignatories } from './export.ts';
import { listSignatories } from './signatories.queries.ts';
import { SignatoriesPage, SignatoryBody, signatoriesQuery } from './signatories.schemas.ts';
import { z } from 'zod';

export const signatoriesApi = new Hono<AppEnv>();

export const signatoriesOperations = [
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/signatories',
    operationId: 'listSignatories',
    summary: 'Public signatories, most recent first, searchable, paged by cursor',
    description: 'Only confirmed signers who consented to be listed and were not hidden by an organiser: name, affiliation, field and time. Never an email.',
    tags: ['Signatories'],
    params: slugParams,
    query: signatoriesQuery,
    responses: { 200: { description: 'A page', schema: SignatoriesPage, headers: cachedHeaders }, 304: { description: 'Not modified' }, 400: invalid, 404: notFound },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/signatories.csv',
    operationId: 'downloadSignatoriesCsv',
    summary: 'Open data: the whole public list as CSV',
    description: "UTF-8 with BOM; columns name, affiliation, field, confirmed_at (ISO 8601). Cells that a spreadsheet would run as a formula get a leading apostrophe.",
    tags: ['Signatories'],
    params: slugParams,
    responses: { 200: { description: 'CSV file', contentType: 'text/csv' }, 404: notFound },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/signatories.json',
    operationId: 'downloadSignatoriesJson',
    summary: 'Open data: the whole public list as a JSON array',
    tags: ['Signatories'],
    params: slugParams,
    responses: { 200: { description: 'JSON array', schema: z.array(SignatoryBody) }, 404: notFound },
  }),
];

async function findPledge(c: Context<AppEnv>) {
  const pledge = await getPledgeBySlug(db(c.env.DB), c.req.param('slug') ?? '');
  return pledge && pledge.status !== 'draft' ? pledge : null;
}

signatoriesApi.get('/pledges/:slug/signatories', publicCache(15, 120), async (c) => {
  const query = parseQuery(c, signatoriesQuery);
  if (!query.ok) return query.response;
  const cursor = query.value.cursor ? decodeCursor(query.value.cursor) : null;
  if (query.value.cursor && !cursor) return apiError(c, 400, 'validation_failed', 'Some query parameters are not valid.', { cursor: 'invalid' });
  const pledge = await findPledge(c);
  if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
  const q = query.value.q?.trim();
  const { rows, more } = await listSignatories(c.env.DB, pledge.id, { q: q || undefined, cursor, limit: query.value.limit ?? 50 });
  const last = rows.at(-1);
  const body: SignatoriesPage = {
    items: rows.map((r) => ({ name: r.name, affiliation: r.affiliation, field: r.field as SignatoriesPage['items'][number]['field'], confirmedAt: r.confirmedAt })),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
  return c.json(body);
});

for (const format of ['csv', 'json'] as const) {
  signatoriesApi.get(`/pledges/:slug/signatories.${format}`, async (c) => {
    const pledge = await findPledge(c);
    if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
    return new Response(exportSignatories(c.env.DB, pledge.id, format), {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${pledge.slug}-signatories.${format}"`,
        'cache-control': 'public, max-age=300',
      },
    });
  });
}
