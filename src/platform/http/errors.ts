import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldErrors = Record<string, string>;

// The API's one error shape: {"error":{"code","message","fields"?}} (DESIGN section 3).
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, fields?: FieldErrors) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

// A dependency (mail delivery) failed in a way worth retrying.
export class TransientFailure extends Error {
  override name = 'TransientFailure';
}

// Failures of storage (D1) or of a dependency, answered as 503 with Retry-After: the
// request may simply be repeated, and nothing already accepted is lost.
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof TransientFailure) return true;
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  return /D1_|SQLITE_BUSY|database|storage|network connection lost|Failed query/i.test(message);
}

export const RETRY_AFTER_SECONDS = 5;
