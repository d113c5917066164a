import { countsChanged } from '../counts/counts.actions.ts';
import { config } from '../platform/config.ts';
import type { AppEnv } from '../platform/env.ts';
import { JSON_CONTENT_TYPE, MAX_JSON_BYTES, SURROGATE_ESCAPE } from '../platform/http/json.ts';
import { keepAliveIn } from '../platform/http/keep-alive.ts';
import { setSecurityHeaders } from '../platform/http/security.ts';
import { tokenBody } from '../platform/openapi/operation.ts';
import { confirmSignature } from './signatures.actions.ts';

// POST /api/signatures/confirm answered before the router (issue 14). At a peak, every
// signer's click lands here, and the app's request layer (routing through every route,
// the shared middleware, the OpenAPI validation) cost about a fifth of the confirm's
// time. This answers only what is certainly a 200: a well-formed body whose token
// confirms (or already confirmed) a signature. Everything else, every refusal and every
// error, goes to the app with the same body, so there is one source for each of them.
// The 200 is the app's, byte for byte (test/signatures/confirm.hot.test.ts): the same
// body, the same security headers, the same Vary.
export const CONFIRM_PATH = '/api/signatures/confirm';

type Routed = (request: Request) => Promise<Response>;

export function isHotConfirm(request: Request, url: URL): boolean {
  return request.method === 'POST' && url.pathname === CONFIRM_PATH;
}

export async function hotConfirm(request: Request, url: URL, env: AppEnv['Bindings'], ctx: ExecutionContext, app: Routed): Promise<Response> {
  if (!JSON_CONTENT_TYPE.test(request.headers.get('content-type') ?? '')) return app(request); // the app's 415
  const bytes = await bodyUpTo(request, MAX_JSON_BYTES);
  // The body is read once; the app gets the same bytes when it answers instead (over the
  // limit, enough of them for its 413).
  const toApp = () => app(new Request(request, { body: bytes }));
  if (bytes.byteLength > MAX_JSON_BYTES) return toApp();
  const token = tokenOf(bytes);
  if (token === null) return toApp();
  try {
    config(env); // a bad configuration is the app's 500, with the variable named in its log
    const result = await confirmSignature(env.DB, token, Date.now(), { keepAlive: keepAliveIn(ctx) });
    if (!result.ok) return toApp();
    if (result.changed) countsChanged(env, keepAliveIn(ctx), result.pledgeId);
    const body = { status: 'confirmed', alreadyConfirmed: result.status === 'alreadyConfirmed', withdrawToken: result.withdrawToken };
    const headers = new Headers({ 'content-type': 'application/json', vary: 'Accept-Language, Cookie' });
    setSecurityHeaders(headers, url.pathname, env, []);
    return new Response(JSON.stringify(body), { status: 200, headers });
  } catch {
    // A failure (D1 briefly unavailable...) is answered by the app, which tries once more
    // and gives the 503 with Retry-After if it fails again. Confirming twice is safe: the
    // second finds the signature already confirmed.
    return toApp();
  }
}

// The body, or its first max + 1 bytes when it is longer: a declared length is trusted
// (the connection cannot carry more), a body of unknown length is read in chunks and
// left unread past the limit.
async function bodyUpTo(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) <= max) return new Uint8Array(await request.arrayBuffer());
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  while (size <= max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size > max) await reader.cancel();
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

// The token of a body the app would accept, or null when the app must answer.
function tokenOf(bytes: Uint8Array): string | null {
  const text = new TextDecoder().decode(bytes);
  // A lone surrogate is the app's 400 (wellFormedJson).
  if (SURROGATE_ESCAPE.test(text)) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const parsed = tokenBody.safeParse(data);
  return parsed.success ? parsed.data.token : null;
}
