import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { apiError } from '../platform/http/errors.ts';
import { cachedHeaders, createRoute, file, invalid, json, notFound, notModified, openapi, slugParams, z } from '../platform/openapi/operation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { exportSignatories } from './export.ts';
import { signatoriesQuery } from './signatories.input.ts';
import { listSignatories } from './signatories.queries.ts';
import { SignatoriesPage, SignatoryBody } from './signatories.schemas.ts';
import { encodeCursor } from './signatories.ts';

export const signatoriesApi = new OpenAPIHono<AppEnv>();

async function findPledge(c: Context<AppEnv>, slug: string) {
  const pledge = await getPledgeBySlug(c.var.db, slug);
  return pledge && pledge.status !== 'draft' ? pledge : null;
}

const list = createRoute({
  method: 'get',
  path: '/pledges/{slug}/signatories',
  operationId: 'listSignatories',
  summary: 'Public signatories, most recent first, searchable, paged by cursor',
  description:
    'Only confirmed signers who consented to be listed and were not hidden by an organiser: name, affiliation, field, day, and verification level (with the ORCID iD when proven). Never an email. `level` filters by verification level.',
  tags: ['Signatories'],
  middleware: [publicCache(15, 120)] as const,
  request: { params: slugParams, query: signatoriesQuery },
  responses: { 200: json(SignatoriesPage, 'A page', cachedHeaders), 304: notModified, 400: invalid, 404: notFound },
});

openapi(signatoriesApi, list, async (c) => {
  const { q, cursor, limit, level } = c.req.valid('query');
  const pledge = await findPledge(c, c.req.valid('param').slug);
  if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
  const { rows, more } = await listSignatories(c.env.DB, pledge.id, { q, cursor: cursor ?? null, limit: limit ?? 50, level });
  const last = rows.at(-1);
  const body: SignatoriesPage = {
    items: rows.map((r) => ({
      name: r.name,
      affiliation: r.affiliation,
      field: r.field as SignatoriesPage['items'][number]['field'],
      confirmedAt: r.confirmedAt,
      verification: r.verification as SignatoriesPage['items'][number]['verification'],
      orcid: r.orcid,
      orcidClaimed: r.orcidClaimed,
    })),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
  return c.json(body);
});

const downloads = {
  csv: createRoute({
    method: 'get',
    path: '/pledges/{slug}/signatories.csv',
    operationId: 'downloadSignatoriesCsv',
    summary: 'Open data: the whole public list as CSV',
    description:
      'UTF-8 with BOM; columns name, affiliation, field, confirmed_at (ISO 8601), verification (email | institution | orcid), orcid (the proven iD, else empty), orcid_claimed (1: an iD was typed but not proven). Cells that a spreadsheet would run as a formula get a leading apostrophe.',
    tags: ['Signatories'],
    request: { params: slugParams },
    responses: { 200: file('text/csv', 'CSV file'), 404: notFound },
  }),
  json: createRoute({
    method: 'get',
    path: '/pledges/{slug}/signatories.json',
    operationId: 'downloadSignatoriesJson',
    summary: 'Open data: the whole public list as a JSON array',
    tags: ['Signatories'],
    request: { params: slugParams },
    responses: { 200: json(z.array(SignatoryBody), 'JSON array'), 404: notFound },
  }),
};

for (const format of ['csv', 'json'] as const) {
  openapi(signatoriesApi, downloads[format], async (c) => {
    const pledge = await findPledge(c, c.req.valid('param').slug);
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
