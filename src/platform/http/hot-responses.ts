import { parse } from 'hono/utils/cookie';
import { isLang, LANG_COOKIE, negotiateLang } from '../i18n/lang.ts';
import { onForget, readCacheMs } from '../memo.ts';

// The hottest public reads, the counts API and the pledge page, answered from whole
// responses kept in the isolate (issue 14): a warm isolate replays the bytes and headers
// the app produced a moment ago, with no routing, no middleware, no rendering and no
// ETag digest. It is the same response the app would give: kept only when it is a 200
// without Set-Cookie, keyed by everything it depends on (path, query and the negotiated
// language), for READ_CACHE_MS, and dropped whenever any read memo forgets (a change in
// this isolate: a confirmation, an organiser's edit). Other isolates see a change within
// twice READ_CACHE_MS (the memo under it, then this). READ_CACHE_MS=0 turns it off.
const HOT_PATHS = [/^\/api\/pledges\/[^/]+\/counts$/, /^\/p\/[^/]+$/];
const MAX_KEPT = 200;

type Kept = { status: number; headers: [string, string][]; body: ArrayBuffer; etag: string | null; until: number };
const kept = new Map<string, Kept>();
onForget(() => kept.clear());

// The key of a request that may be answered from a kept response, or null.
function keyOf(request: Request, url: URL): string | null {
  if (request.method !== 'GET' || !HOT_PATHS.some((p) => p.test(url.pathname))) return null;
  const query = url.searchParams.get('lang') ?? undefined;
  const cookieHeader = request.headers.get('cookie');
  const cookie = cookieHeader ? parse(cookieHeader, LANG_COOKIE)[LANG_COOKIE] : undefined;
  // An explicit ?lang= that differs from the cookie is answered with Set-Cookie: the app's.
  if (isLang(query) && cookie !== query) return null;
  const lang = negotiateLang({ query, cookie, acceptLanguage: request.headers.get('accept-language') ?? undefined });
  return `${url.pathname}${url.search}\n${lang}`;
}

function replay(k: Kept, request: Request): Response {
  const inm = request.headers.get('if-none-match');
  if (k.etag && inm && (inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === k.etag))) {
    const headers = k.headers.filter(([name]) => name !== 'content-type' && name !== 'content-length');
    return new Response(null, { status: 304, headers });
  }
  return new Response(k.body, { status: k.status, headers: k.headers });
}

export async function hotResponse(request: Request, env: { READ_CACHE_MS?: string }, app: () => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const key = keyOf(request, url);
  const ttl = key === null ? 0 : readCacheMs(env);
  if (key === null || ttl <= 0) return app();
  const now = Date.now();
  const hit = kept.get(key);
  if (hit && hit.until > now) return replay(hit, request);
  // A conditional request is answered by the app (a 304 has no body to keep).
  const res = await app();
  if (res.status !== 200 || res.headers.has('set-cookie') || request.headers.has('if-none-match')) return res;
  const k: Kept = { status: res.status, headers: [...res.headers], body: await res.arrayBuffer(), etag: res.headers.get('etag'), until: now + ttl };
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, k);
  return replay(k, request);
}
