import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { TURNSTILE_ORIGIN } from '../ui/Turnstile.tsx';

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
}

// Strict security headers on every response. Inline <style> and <script> need the
// per-response nonce; only /embed/* may be framed by other sites.
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    const nonce = newNonce();
    c.set('nonce', nonce);
    await next();
    const framable = c.req.path.startsWith('/embed/');
    // Turnstile's challenge runs in a frame from its own origin.
    const turnstile = c.env.TURNSTILE_SITE_KEY ? ` ${TURNSTILE_ORIGIN}` : '';
    const h = c.res.headers;
    h.set(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        `connect-src 'self'${turnstile}`,
        `frame-src 'self'${turnstile}`,
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        `frame-ancestors ${framable ? '*' : "'none'"}`,
      ].join('; '),
    );
    h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    h.set('X-Content-Type-Options', 'nosniff');
    // Routes may tighten this (token pages send no referrer at all).
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!framable) h.set('X-Frame-Options', 'DENY');
  };
}
