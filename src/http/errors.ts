import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldErrors = Record<string, string>;

// The API's one error shape: {"error":{"code","message","fields"?}} (DESIGN section 3).
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, fields?: FieldErrors) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

// Raised by storage calls when D1 fails; answered as 503 with Retry-After.
export function isStorageFailure(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  return /D1_|SQLITE_BUSY|database|storage|network connection lost|Failed query/i.test(message);
}
