import type { Context } from 'hono';

// Pages whose URL carries a secret (token links) or that show private data: never
// cached, never sent as referrer, never indexed.
export function privatePage() {
  return async function privatePage(c: Context, next: () => Promise<void>) {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
  };
}

// A posted form's string fields (files and repeated keys are ignored).
export async function formStrings(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
