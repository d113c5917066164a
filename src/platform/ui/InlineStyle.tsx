import { raw } from 'hono/html';

// Our own constant CSS, inline; the CSP allows it by its SHA-256 hash (security.ts),
// so the page is the same bytes for every visitor and can be cached. Inserted raw: <style> is raw
// text, so escaped quotes (&quot;) would reach the browser and void font-family rules.
// Only for CSS written in this code base, never for anything a visitor sent.
export function InlineStyle(props: { css: string }) {
  return <style>{raw(props.css)}</style>;
}
