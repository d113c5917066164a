import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { TURNSTILE_ORIGIN } from '../ui/Turnstile.tsx';

// Inline <style> elements are allowed by the SHA-256 of their text, not by a
// per-response nonce: a page is then the same bytes for every visitor, so shared
// caches and the isolate's page cache can serve it. Every <script> is an external
// same-origin file. Hashes are memoised: the set of inline styles is our own CSS.
const styleHashes = new Map<string, string>();

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

const STYLE_RE = /<style>([\s\S]*?)<\/style>/g;

// The CSP source list for the inline styles of one HTML document.
export async function inlineStyleSources(html: string): Promise<string[]> {
  const sources: string[] = [];
  for (const [, css = ''] of html.matchAll(STYLE_RE)) {
    let hash = styleHashes.get(css);
    if (!hash) {
      hash = `'sha256-${await sha256Base64(css)}'`;
      if (styleHashes.size < 100) styleHashes.set(css, hash);
    }
    if (!sources.includes(hash)) sources.push(hash);
  }
  return sources;
}

export function contentSecurityPolicy(styleSources: string[], opts: { turnstile: boolean; framable: boolean }): string {
  // Turnstile's script and challenge frame come from its own origin.
  const turnstile = opts.turnstile ? ` ${TURNSTILE_ORIGIN}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${turnstile}`,
    `style-src 'self'${styleSources.map((s) => ` ${s}`).join('')}`,
    "img-src 'self' data:",
    `connect-src 'self'${turnstile}`,
    `frame-src 'self'${turnstile}`,
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${opts.framable ? '*' : "'none'"}`,
  ].join('; ');
}

// Strict security headers on every response; only /embed/* may be framed by other sites.
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    // HTML is hashed for its inline styles (a page from the page cache brings its own CSP).
    const html = !h.has('Content-Security-Policy') && h.get('content-type')?.startsWith('text/html') && c.res.body ? await c.res.clone().text() : '';
    setSecurityHeaders(h, c.req.path, c.env, html ? await inlineStyleSources(html) : []);
  };
}

// The headers themselves, also for a response made before the router
// (src/signatures/confirm.hot.ts), so both ways answer alike.
export function setSecurityHeaders(h: Headers, path: string, env: { TURNSTILE_SITE_KEY?: string }, styleSources: string[]): void {
  const framable = path.startsWith('/embed/');
  if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', contentSecurityPolicy(styleSources, { turnstile: Boolean(env.TURNSTILE_SITE_KEY), framable }));
  h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  h.set('X-Content-Type-Options', 'nosniff');
  // Routes may tighten this (token pages send no referrer at all).
  if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!framable) h.set('X-Frame-Options', 'DENY');
}
