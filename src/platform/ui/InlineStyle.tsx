import { raw } from 'hono/html';

// Our own constant CSS, inline with the response's nonce. Inserted raw: <style> is raw
// text, so escaped quotes (&quot;) would reach the browser and void font-family rules.
// Only for CSS written in this code base, never for anything a visitor sent.
export function InlineStyle(props: { nonce: string; css: string }) {
  return <style nonce={props.nonce}>{raw(props.css)}</style>;
}
