import type { Context } from 'hono';
import { z } from 'zod';
import { apiError } from './errors.ts';
import { fieldCodes } from './text.ts';

// One way to read query strings, app-wide: a zod schema per route. The API declares
// it in its createRoute (validated by @hono/zod-openapi: 400 on a bad value); pages read
// it with pageQuery (a bad value falls back to the default); other JSON routes with parseQuery.

// A whole number in a query string: digits only, no sign, fraction, exponent, "Infinity"
// or hex, so what Number() would make of "1e400" or "0.5" never reaches SQL. An empty
// value (a GET form's empty field) counts as absent.
export function queryInt(min: number, max: number, description?: string) {
  const int = z
    .string()
    .regex(/^\d{1,16}$/, 'invalid')
    .transform(Number)
    .pipe(z.number().int().min(min, 'invalid').max(max, 'invalid'));
  const schema = z.preprocess((v) => (v === '' ? undefined : v), int.optional());
  return description ? schema.describe(description) : schema;
}

// A free-text query value: trimmed, at most `max` characters; empty counts as absent.
export function queryText(max: number, description?: string) {
  const schema = z
    .string()
    .max(max, 'tooLong')
    .transform((s) => s.trim() || undefined)
    .optional();
  return description ? schema.describe(description) : schema;
}

// One of a list of values; empty counts as absent.
export function queryEnum<const T extends readonly [string, ...string[]]>(values: T, description?: string) {
  const schema = z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: 'invalid' }).optional());
  return description ? schema.describe(description) : schema;
}

// Pages: each field parsed with its schema; a value that does not parse gets the field's
// default (what it would be if absent), so a hand-edited link shows the default page.
export function pageQuery<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const raw = c.req.query();
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const r = field.safeParse(raw[key]);
    out[key] = r.success ? r.data : field.safeParse(undefined).data;
  }
  return out as z.output<S>;
}

// JSON routes outside the declared API: 400 with the API's error shape.
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): { ok: true; value: z.output<T> } | { ok: false; response: Response } {
  const result = schema.safeParse(c.req.query());
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: apiError(c, 400, 'validation_failed', 'Some query parameters are not valid.', fieldCodes(result.error)) };
}
