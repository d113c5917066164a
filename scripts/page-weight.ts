// Measures a page's weight as a browser fetches it: the first HTML response (raw and
// as sent with gzip), then every resource the HTML asks for (scripts, stylesheets,
// icons, images, preloads; /favicon.ico when no icon is declared, since browsers ask
// for it). Sizes are body bytes on the wire, without HTTP headers.
import { request } from 'node:http';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';

export const FIRST_RESPONSE_BUDGET = 14 * 1024; // gzip bytes: fits the first round trip
export const TOTAL_BUDGET = 30 * 1024; // gzip bytes: all of the page's resources

export type Resource = { url: string; status: number; type: string; raw: number; gzip: number };
export type PageWeight = { first: Resource & { brotli: number }; resources: Resource[]; totalGzip: number; html: string };

// GET with Accept-Encoding: gzip; returns the body as sent and as decoded.
function get(url: string): Promise<{ status: number; type: string; wire: Buffer; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip', accept: 'text/html,*/*;q=0.8', 'user-agent': 'pledge-size-check' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'gzip' ? gunzipSync(wire) : wire;
        // A server that sends it uncompressed: count what gzip would make of it.
        const sent = encoding === 'gzip' ? wire : gzipSync(wire);
        done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), wire: sent, body });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

// The same-page resources a browser would request while loading the HTML.
export function subresources(html: string, base: string): string[] {
  const found = new Set<string>();
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}=["']([^"']+)["']`, 'i'))?.[1];
  for (const tag of html.match(/<(script|link|img|source|iframe)\b[^>]*>/gi) ?? []) {
    const kind = tag.slice(1).split(/[\s>]/)[0]!.toLowerCase();
    let href: string | undefined;
    if (kind === 'link') {
      const rel = (attr(tag, 'rel') ?? '').toLowerCase();
      if (/\b(stylesheet|icon|preload|modulepreload|manifest)\b/.test(rel)) href = attr(tag, 'href');
    } else {
      href = attr(tag, 'src');
    }
    if (href && !href.startsWith('data:')) found.add(new URL(href, base).href);
  }
  if (!/<link[^>]+rel=["'][^"']*\bicon\b/i.test(html)) found.add(new URL('/favicon.ico', base).href);
  return [...found];
}

export async function measurePage(url: string): Promise<PageWeight> {
  const first = await get(url);
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  const html = first.body.toString('utf8');
  const resources: Resource[] = [];
  for (const href of subresources(html, url)) {
    const r = await get(href);
    resources.push({ url: href, status: r.status, type: r.type, raw: r.body.length, gzip: r.wire.length });
  }
  const firstResource = { url, status: first.status, type: first.type, raw: first.body.length, gzip: first.wire.length, brotli: brotliCompressSync(first.body).length };
  return { first: firstResource, resources, html, totalGzip: firstResource.gzip + resources.reduce((n, r) => n + r.gzip, 0) };
}

// How much of the first response one part of the page costs, gzip-compressed: the
// page's gzip size minus the gzip size of the page without that part.
export function gzipCostOf(html: string, part: RegExp): { raw: number; gzip: number } {
  const m = html.match(part);
  if (!m) return { raw: 0, gzip: 0 };
  return { raw: Buffer.byteLength(m[0]), gzip: gzipSync(html).length - gzipSync(html.replace(m[0], '')).length };
}
