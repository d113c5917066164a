import { z } from 'zod';

// One documented API operation. Every /api route declares one next to its handler,
// built from the same zod schemas the handler validates with; src/platform/openapi/document.ts
// turns the list in src/openapi/operations.ts into the OpenAPI 3.1 document.
export type ApiResponse = {
  description: string;
  // JSON body schema (application/json unless `contentType` says otherwise).
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
};

export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  // Hono-style path, as routed: /api/pledges/:slug/counts
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ApiResponse>;
  // Admin routes: Authorization: Bearer <ADMIN_TOKEN>.
  admin?: boolean;
};

export function defineOperation(op: ApiOperation): ApiOperation {
  return op;
}

// Named schemas become components (#/components/schemas/<id>) in the document. They
// live in zod's global registry, beside the .describe() texts.
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  z.globalRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

// Shared pieces.
export const slugParams = z.object({ slug: z.string().min(1).max(100).describe('The pledge slug, e.g. cast-2020') });

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

export const notFound = { description: 'No such pledge', schema: ErrorBody } satisfies ApiResponse;
export const invalid = { description: 'Invalid input', schema: ErrorBody } satisfies ApiResponse;

// Cache headers of the public read endpoints.
export const cachedHeaders = {
  ETag: 'Strong validator; send it back in If-None-Match to get 304 Not Modified.',
  'Cache-Control': 'public, short max-age with stale-while-revalidate.',
};

// The body of every token endpoint: the token from a link in a mail.
export const tokenBody = z.object({ token: z.string().min(1).max(200).describe('The token from the link in the mail') });
