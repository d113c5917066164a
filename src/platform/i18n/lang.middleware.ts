import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { isLang, LANG_COOKIE, negotiateLang } from './lang.ts';

// Picks the visitor's language and remembers an explicit ?lang= choice for a year, on
// pages only: a badge, JSON or download answered with Set-Cookie would not be cached
// by shared caches.
//
// How shared caches key the language of a page: the URL. A page asked for with ?lang=
// depends on nothing else, so it may be stored publicly, one copy per language (the
// cookie is set only when it differs, and that one answer is private). A page without
// ?lang= is negotiated from the cookie and Accept-Language; CDNs ignore Vary on HTML, so
// that answer is private to the browser. Links and the language switch carry ?lang=.
export function language(): MiddlewareHandler<AppEnv> {
  return async function language(c, next) {
    const query = c.req.query('lang');
    const cookie = getCookie(c, LANG_COOKIE);
    const lang = negotiateLang({ query, cookie, acceptLanguage: c.req.header('accept-language') });
    c.set('lang', lang);
    await next();
    const html = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
    if (!html || !isLang(query)) c.header('Vary', 'Accept-Language, Cookie', { append: true });
    if (!html) return;
    let privateCopy = !isLang(query);
    if (isLang(query) && cookie !== query) {
      setCookie(c, LANG_COOKIE, query, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
      privateCopy = true;
    }
    const cacheControl = c.res.headers.get('Cache-Control');
    if (privateCopy && cacheControl?.startsWith('public')) c.header('Cache-Control', cacheControl.replace(/^public/, 'private'));
  };
}
