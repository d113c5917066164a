import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from './errors.ts';

export const MAX_JSON_BYTES = 32 * 1024;
// application/json and its +json relatives, with or without parameters.
export const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// A \uD800-\uDFFF escape: the only way a JSON text can carry a lone surrogate.
export const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

// JSON endpoints: bodies over the limit get 413 with the usual error object.
export function jsonBodyLimit(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: (c) => apiError(c, 413, 'payload_too_large', `The body must be at most ${MAX_JSON_BYTES} bytes.`),
  });
}

// Reads a JSON object body: 415 for other content types, 400 for malformed JSON.
export async function readJsonObject(c: Context): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; response: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_CONTENT_TYPE.test(type)) {
    return { ok: false, response: apiError(c, 415, 'unsupported_media_type', 'Send the body as application/json.') };
  }
  let data: unknown;
  try {
    data = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'The body is not valid JSON.') };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, response: apiError(c, 400, 'invalid_body', 'The body must be a JSON object.') };
  }
  return { ok: true, data: data as Record<string, unknown> };
}

// Lone surrogates (a \uD800 escape with no partner) are not text: D1 cannot store them
// faithfully and no field accepts them. Any JSON body carrying one, in any key or value,
// is a 400 (validation_failed, naming the top-level fields) before a route sees it.
// Only escapes can produce them (UTF-8 cannot), so a body without a \uD8xx-\uDFxx
// escape is passed on without parsing.
export function wellFormedJson(): MiddlewareHandler {
  return async function wellFormedJson(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.body === null) return next();
    let text: string;
    try {
      text = await c.req.text();
    } catch {
      return next(); // the body limit answers this one
    }
    if (!SURROGATE_ESCAPE.test(text)) return next();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return next(); // not JSON: the route answers
    }
    if (isWellFormedValue(data)) return next();
    const fields: Record<string, string> = {};
    const entries = data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [['_', data] as const];
    for (const [k, v] of entries) if (!k.isWellFormed() || !isWellFormedValue(v)) fields[k.toWellFormed()] = 'This text is not valid Unicode (it has an unpaired surrogate).';
    return apiError(c, 400, 'validation_failed', 'The body contains text that is not valid Unicode.', fields);
  };
}

function isWellFormedValue(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return false;
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!k.isWellFormed()) return false;
        stack.push(x);
      }
    }
  }
  return true;
}
