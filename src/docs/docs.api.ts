import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { createRoute, json, openapi, z } from '../platform/openapi/operation.ts';
import type { OpenApiDocument } from './docs.ts';

const route = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document (OpenAPI 3.1)',
  tags: ['Meta'],
  middleware: [publicCache(300, 3600)] as const,
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document') },
});

// GET /api/openapi.json: the document generated from the route declarations.
export function openApiApi(document: OpenApiDocument) {
  const api = new OpenAPIHono<AppEnv>();
  openapi(api, route, (c) => c.json(document()));
  return api;
}
