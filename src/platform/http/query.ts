import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError } from './errors.ts';
import { fieldCodes } from './text.ts';

// Validates the query string with the same zod schema the OpenAPI document shows.
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): { ok: true; value: z.output<T> } | { ok: false; response: Response } {
  const result = schema.safeParse(c.req.query());
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: apiError(c, 400, 'validation_failed', 'Some query parameters are not valid.', fieldCodes(result.error)) };
}
