import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';

// /api/pledges/:slug -> /api/pledges/{slug}
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

export type DocumentInfo = { title: string; version: string; description: string; serverUrl?: string };

// The OpenAPI 3.1 document of every route declared on the API app (createRoute + zod).
export function buildOpenApiDocument<E extends Env>(api: OpenAPIHono<E, any, any>, info: DocumentInfo): Record<string, unknown> {
  api.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_TOKEN>' });
  const doc = api.getOpenAPI31Document({
    openapi: '3.1.1',
    info: { title: info.title, version: info.version, description: info.description, license: { name: 'MIT', identifier: 'MIT' } as { name: string } },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  });
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}
