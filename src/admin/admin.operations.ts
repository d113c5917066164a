import { z } from 'zod';
import { type ApiOperation, defineOperation, ErrorBody, invalid } from '../platform/openapi/operation.ts';
import { bulkRejectBody, queueQuery } from './endorsement-queue.input.ts';
import { bulkFilterBody } from './moderation.ts';
import { pledgeBody } from './pledge-editor.input.ts';

// OpenAPI declarations of the organisers' JSON API (src/admin/admin.api.ts). Every one
// needs Authorization: Bearer <ADMIN_TOKEN> (401 without it).
const idParams = z.object({ id: z.string().regex(/^\d+$/).describe('Numeric id') });
const pledgeSlugParams = z.object({ slug: z.string().describe('The pledge slug') });
const pledgeQuery = z.object({ pledge: z.string().optional().describe('Limit to one pledge, by slug') });
const Items = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
const Done = z.record(z.string(), z.unknown());
const unauthorized = { description: 'Missing or wrong admin token', schema: ErrorBody };
const missing = { description: 'No such item', schema: ErrorBody };

const admin = (op: Omit<ApiOperation, 'admin' | 'tags'> & { tags?: string[] }): ApiOperation =>
  defineOperation({ ...op, tags: op.tags ?? ['Admin'], admin: true, responses: { ...op.responses, 401: unauthorized } });

const signatureActions = (['hide', 'unhide', 'invalidate', 'release'] as const).map((action) =>
  admin({
    method: 'post',
    path: `/api/admin/signatures/:id/${action}`,
    operationId: `${action}Signature`,
    summary: { hide: 'Hide a signer from the public list', unhide: 'Show a hidden signer again', invalidate: 'Invalidate a signature (it stops counting)', release: 'Release a held signature' }[action],
    params: idParams,
    responses: { 200: { description: 'Done', schema: Done }, 404: missing, 409: { description: 'Not in a state this action applies to', schema: ErrorBody } },
  }),
);

export const adminOperations: ApiOperation[] = [
  admin({
    method: 'get',
    path: '/api/admin/endorsements',
    operationId: 'adminListEndorsements',
    summary: 'The endorsement queue: keyset pages with the true total, search, sort, and signals per submission',
    query: queueQuery,
    responses: {
      200: {
        description: '{"state","items","next","total"}: items each with an id and "signals" (emailMatchesWebsite, sameContact, sameIp); "next" is an opaque cursor or null',
        schema: Items.extend({ state: z.string(), next: z.string().nullable(), total: z.number().int() }),
      },
      400: invalid,
      404: missing,
    },
  }),
  admin({
    method: 'post',
    path: '/api/admin/endorsements/bulk-reject/preview',
    operationId: 'previewBulkRejectEndorsements',
    summary: 'How many submissions a bulk rejection would reject, with sample rows',
    body: bulkRejectBody,
    responses: { 200: { description: '{"matching","sample"}', schema: Done }, 400: invalid, 404: missing },
  }),
  admin({
    method: 'post',
    path: '/api/admin/endorsements/bulk-reject',
    operationId: 'bulkRejectEndorsements',
    summary: 'Reject every submission matching a filter (needs "reason" and "expected", the previewed count); no mail is sent',
    body: bulkRejectBody,
    responses: { 200: { description: '{"rejected","ids"}', schema: Done }, 400: invalid, 404: missing, 409: { description: 'The matching rows changed since the preview', schema: ErrorBody } },
  }),
  admin({ method: 'get', path: '/api/admin/endorsements/:id', operationId: 'adminGetEndorsement', summary: 'One endorsement with its contact data', params: idParams, responses: { 200: { description: 'The endorsement', schema: Done }, 404: missing } }),
  admin({
    method: 'post',
    path: '/api/admin/endorsements/:id/verify',
    operationId: 'verifyEndorsement',
    summary: 'Verify an email-confirmed endorsement: it is listed and counted; the contact is told',
    params: idParams,
    responses: { 200: { description: 'Verified', schema: Done }, 404: missing, 409: { description: 'Not awaiting verification', schema: ErrorBody } },
  }),
  admin({
    method: 'post',
    path: '/api/admin/endorsements/:id/reject',
    operationId: 'rejectEndorsement',
    summary: 'Reject an endorsement with a reason; the contact is told',
    params: idParams,
    body: z.object({ reason: z.string().min(1).max(1000) }),
    responses: { 200: { description: 'Rejected', schema: Done }, 400: invalid, 404: missing, 409: { description: 'Already rejected', schema: ErrorBody } },
  }),
  admin({
    method: 'get',
    path: '/api/admin/signatures',
    operationId: 'searchSignatures',
    summary: 'Search signatures by name, affiliation or email, and state',
    query: z.object({ q: z.string().optional(), state: z.string().optional(), pledge: z.string().optional(), limit: z.string().optional(), offset: z.string().optional() }),
    responses: { 200: { description: 'Matching signatures', schema: Items }, 400: invalid, 404: missing },
  }),
  ...signatureActions,
  admin({
    method: 'post',
    path: '/api/admin/signatures/bulk-invalidate/preview',
    operationId: 'previewBulkInvalidation',
    summary: 'How many signatures a bulk invalidation would change, by state',
    body: bulkFilterBody,
    responses: { 200: { description: 'The preview', schema: z.object({ matching: z.number(), confirmed: z.number(), pending: z.number(), held: z.number() }) }, 400: invalid, 404: missing },
  }),
  admin({
    method: 'post',
    path: '/api/admin/signatures/bulk-invalidate',
    operationId: 'bulkInvalidate',
    summary: 'Invalidate every signature matching a filter (state change only, never deletion)',
    description: 'Send "expected" (the previewed count): if the matching rows changed since, nothing happens and the answer is 409 with the fresh preview.',
    body: bulkFilterBody,
    responses: { 200: { description: 'Invalidated', schema: z.object({ invalidated: z.number(), ids: z.array(z.number()) }) }, 400: invalid, 404: missing, 409: { description: 'The preview is stale', schema: Done } },
  }),
  admin({ method: 'get', path: '/api/admin/trending', operationId: 'trending', summary: 'IP hashes and email domains with many signatures in the last hour', query: z.object({ min: z.string().optional() }), responses: { 200: { description: 'Trending keys', schema: Done } } }),
  admin({ method: 'get', path: '/api/admin/export/signatures.csv', operationId: 'exportSignatures', summary: 'CSV of signatures (formula cells neutralised)', query: pledgeQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } }),
  admin({ method: 'get', path: '/api/admin/export/endorsements.csv', operationId: 'exportEndorsements', summary: 'CSV of endorsements (formula cells neutralised)', query: pledgeQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } }),
  admin({ method: 'get', path: '/api/admin/pledges', operationId: 'adminListPledges', summary: 'Every pledge, drafts included', responses: { 200: { description: 'Pledges', schema: Items } } }),
  admin({ method: 'post', path: '/api/admin/pledges', operationId: 'createPledge', summary: 'Create a pledge with its texts', body: pledgeBody, responses: { 201: { description: 'Created', schema: Done }, 400: invalid } }),
  admin({ method: 'get', path: '/api/admin/pledges/:slug', operationId: 'adminGetPledge', summary: 'A pledge with all its text versions', params: pledgeSlugParams, responses: { 200: { description: 'The pledge', schema: Done }, 404: missing } }),
  ...(['patch', 'put'] as const).map((method) =>
    admin({
      method,
      path: '/api/admin/pledges/:slug',
      operationId: `${method}Pledge`,
      summary: 'Edit a pledge; a changed text becomes a new version, earlier signatures keep theirs',
      params: pledgeSlugParams,
      body: pledgeBody,
      responses: { 200: { description: 'Saved', schema: Done }, 400: invalid, 404: missing },
    }),
  ),
  admin({ method: 'get', path: '/api/admin/audit', operationId: 'auditLog', summary: 'The audit log of organiser actions, newest first', query: z.object({ limit: z.string().optional(), before: z.string().optional() }), responses: { 200: { description: 'Entries', schema: Items } } }),
];
