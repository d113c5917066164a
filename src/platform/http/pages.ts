import type { Context, MiddlewareHandler } from 'hono';

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

// Form posts: at most 64 KB, checked before anything parses the body. The organisers'
// pledge editor needs more (three texts of up to 50,000 characters; a Chinese character
// is 9 bytes once percent-encoded): 2 MB, applied after the session check so strangers
// never get the larger allowance.
export const MAX_FORM_BYTES = 64 * 1024;
export const MAX_EDITOR_FORM_BYTES = 2 * 1024 * 1024;

export function formBodyLimit(refuse: (c: Context) => Response | Promise<Response>, maxFor: (path: string) => number = () => MAX_FORM_BYTES): MiddlewareHandler {
  return async function formBodyLimit(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.body === null) return next();
    const max = maxFor(c.req.path);
    const declared = c.req.header('content-length');
    if (declared !== undefined) return /^\d+$/.test(declared) && Number(declared) <= max ? next() : refuse(c);
    // No Content-Length (chunked): read at most max bytes now, before any parser does.
    const reader = c.req.raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return refuse(c);
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}
