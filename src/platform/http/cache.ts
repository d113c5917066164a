import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';

// Public, briefly cacheable JSON and images: a strong ETag over the body (304 on a
// matching If-None-Match) and Cache-Control with a short max-age and
// stale-while-revalidate, so caches absorb the read load of a busy pledge.
export function publicCache(maxAge = 5, staleWhileRevalidate = 30): MiddlewareHandler {
  const tag = etag();
  return async function publicCache(c, next) {
    await tag(c, async () => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`);
    });
  };
}
