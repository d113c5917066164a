import { adminOperations } from '../admin/admin.operations.ts';
import { countsOperation } from '../counts/counts.api.ts';
import { endorsementsOperations } from '../endorsements/endorsements.operations.ts';
import { statsOperation } from '../stats/stats.api.ts';
import { liveOperation } from '../counts/live/live.api.ts';
import { logOperations } from '../log/log.operations.ts';
import { pledgesOperations } from '../pledges/pledges.api.ts';
import { signatoriesOperations } from '../signatories/signatories.api.ts';
import { signaturesOperations } from '../signatures/signatures.api.ts';
import { buildOpenApiDocument } from '../platform/openapi/document.ts';
import { type ApiOperation, defineOperation } from '../platform/openapi/operation.ts';

// Every /api route, documented. To document a new route: declare it with
// defineOperation(...) next to its handler, using the zod schemas the handler
// validates with, and add it to this list. test/docs/docs.api.test.ts fails while
// any /api route of the app is missing here.
export const openApiOperation = defineOperation({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document (OpenAPI 3.1)',
  tags: ['Meta'],
  responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
});

export const apiOperations: readonly ApiOperation[] = [
  ...pledgesOperations,
  countsOperation,
  statsOperation,
  liveOperation,
  ...signaturesOperations,
  ...signatoriesOperations,
  ...endorsementsOperations,
  ...logOperations,
  ...adminOperations,
  openApiOperation,
];

export const API_DESCRIPTION =
  'Public API of the pledge platform. Errors are always {"error":{"code","message","fields"?}}. ' +
  'Times are milliseconds since the epoch. Language-dependent labels follow ?lang=zh-Hans|zh-Hant|en. ' +
  'No response ever contains an email address.';

let cached: Record<string, unknown> | null = null;

// Built once per isolate: the declarations are static.
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument(apiOperations, { title: 'Pledge platform API', version: '1.0.0', description: API_DESCRIPTION });
  return cached;
}
