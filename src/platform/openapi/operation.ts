import { createRoute, type Hook, type OpenAPIHono, type RouteConfig, type RouteHandler, z } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { ZodType } from 'zod';

// Shared pieces of the route declarations. Every JSON route under /api is declared once
// with createRoute(...) and its zod schemas: they validate the request (params, query,
// JSON body) and src/platform/openapi/document.ts turns them into the OpenAPI 3.1 document.
export { createRoute, z };

// Named schemas become components (#/components/schemas/<id>) in the document.
export function named<T extends ZodType>(id: string, schema: T, description?: string): T {
  return schema.openapi(id, description ? { description } : {}) as T;
}

type Context<R extends RouteConfig, E extends Env> = Parameters<RouteHandler<R, E>>[0];

// Registers a declared route on an API app. The handler reads the validated request
// with c.req.valid('param' | 'query' | 'json'); it may answer with any Response (the
// declared responses document it; the tests check the answers).
export function openapi<E extends Env, R extends RouteConfig>(
  api: OpenAPIHono<E>,
  route: R,
  handler: (c: Context<R, E>) => Response | Promise<Response>,
  hook?: Hook<any, E, any, any>,
): void {
  api.openapi(route, handler as never, hook as never);
}

export const slugParams = z.object({ slug: z.string().describe('The pledge slug, e.g. cast-2020') });

export const ErrorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe('Field name -> message, for validation errors'),
    }),
  }),
  'Every API error has this shape.',
);

// A JSON response (or request body) with its schema.
export const json = <T extends ZodType>(schema: T, description: string, headers?: Record<string, string>) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers: describedHeaders(headers) } : {}),
});

export const error = (description: string, headers?: Record<string, string>) => json(ErrorBody, description, headers);

// A body of another media type, e.g. text/csv.
export const file = (contentType: string, description: string) => ({ description, content: { [contentType]: { schema: z.string() } } });

export const jsonBody = <T extends ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

function describedHeaders(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]));
}

export const notFound = error('No such pledge');
export const invalid = error('Invalid input: the fields say which and why');
export const notModified = { description: 'Not modified' };

// Cache headers of the public read endpoints.
export const cachedHeaders = {
  ETag: 'Strong validator; send it back in If-None-Match to get 304 Not Modified.',
  'Cache-Control': 'public, short max-age with stale-while-revalidate.',
};

// Admin routes: Authorization: Bearer <ADMIN_TOKEN> (the scheme is declared in the document).
export const adminSecurity = [{ adminToken: [] }];

// The body of every token endpoint: the token from a link in a mail.
export const tokenBody = z.object({
  token: z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? 'required' : 'invalid') })
    .min(1, 'required')
    .max(200, 'invalid')
    .describe('The token from the link in the mail'),
});
