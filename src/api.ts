// The JSON API under /api: every route declared once (createRoute + zod schemas in its
// feature's .api.ts), so the same declarations validate requests and make the OpenAPI
// document. Wired here, beside src/index.ts, so Node can build the document too
// (test/node/openapi.validate.test.ts) without the Worker-only exports.
import { OpenAPIHono } from '@hono/zod-openapi';
import { adminApi } from './admin/admin.api.ts';
import { countsApi } from './counts/counts.api.ts';
import { liveApi } from './counts/live/live.api.ts';
import { openApiApi } from './docs/docs.api.ts';
import { API_DESCRIPTION, API_TITLE, API_VERSION } from './docs/docs.ts';
import { endorsementsApi } from './endorsements/endorsements.api.ts';
import { logApi } from './log/log.api.ts';
import type { AppEnv } from './platform/env.ts';
import { buildOpenApiDocument } from './platform/openapi/document.ts';
import { validationHook } from './platform/openapi/validation.ts';
import { pledgesApi } from './pledges/pledges.api.ts';
import { signatoriesApi } from './signatories/signatories.api.ts';
import { signaturesApi } from './signatures/signatures.api.ts';
import { statsApi } from './stats/stats.api.ts';
import { updatesApi } from './updates/updates.api.ts';

// A request that fails a route's schemas: 400 with the API's error shape.
export const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).basePath('/api');

api.route('/admin', adminApi());
api.route('/', pledgesApi);
api.route('/', countsApi);
api.route('/', statsApi);
api.route('/', signaturesApi);
api.route('/', signatoriesApi);
api.route('/', liveApi);
api.route('/', endorsementsApi);
api.route('/', openApiApi(openApiDocument));
api.route('/', logApi);
api.route('/', updatesApi);

let cached: Record<string, unknown> | null = null;

// Built once per isolate: the declarations are static.
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument(api, { title: API_TITLE, version: API_VERSION, description: API_DESCRIPTION });
  return cached;
}
