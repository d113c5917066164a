import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { LANG_COOKIE, isLang, negotiateLang } from './lang.ts';

// Picks the visitor's language and remembers an explicit ?lang= choice for a year, on
// pages only: a badge, JSON or download answered with Set-Cookie would not be cached
// by shared caches.
export function language(): MiddlewareHandler<AppEnv> {
  return async function language(c, next) {
    const query = c.req.query('lang');
    const lang = negotiateLang({ query, cookie: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });
    c.set('lang', lang);
    await next();
    if (isLang(query) && c.res.headers.get('content-type')?.startsWith('text/html')) {
      setCookie(c, LANG_COOKIE, query, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
    }
    c.header('Vary', 'Accept-Language, Cookie', { append: true });
  };
}
