import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from './errors.ts';

export const MAX_JSON_BYTES = 32 * 1024;

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
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
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
