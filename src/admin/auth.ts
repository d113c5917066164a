import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { config } from '../platform/config.ts';
import { hashToken, sameDigest } from '../platform/crypto/tokens.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { type AccessKeys, certsEndpointKeys, verifyAccessJwt } from './access.ts';
import { readSession, SESSION_COOKIE, type SessionKeys } from './session.ts';

// Who is acting: set by the middlewares below, written to the audit log.
export type AdminEnv = { Bindings: Env; Variables: AppEnv['Variables'] & { actor: string } };

// The secrets a session is bound to (changing either ends every session).
export function sessionKeys(env: Env): SessionKeys {
  const { token, sessionSecret } = config(env).admin;
  return { adminToken: token, sessionSecret };
}

// The admin context is the app context plus the actor; shared helpers take the app's.
export const appContext = (c: Context<AdminEnv>) => c as unknown as Context<AppEnv>;

export type AuthOptions = { accessKeys?: (teamDomain: string) => AccessKeys };

const keyCache = new Map<string, AccessKeys>();
function defaultKeys(teamDomain: string): AccessKeys {
  let keys = keyCache.get(teamDomain);
  if (!keys) {
    keys = certsEndpointKeys(teamDomain);
    keyCache.set(teamDomain, keys);
  }
  return keys;
}

// Constant-time comparison of a presented token with ADMIN_TOKEN (both hashed first, so
// not even the length leaks). An unset ADMIN_TOKEN admits no one.
export async function isAdminToken(env: Env, presented: string | undefined): Promise<boolean> {
  const expected = config(env).admin.token;
  if (!expected || !presented) return false;
  return sameDigest(await hashToken(presented), await hashToken(expected));
}

// Cloudflare Access, when ACCESS_AUD and ACCESS_TEAM_DOMAIN are set: the identity in a
// valid JWT, or null. 'off' when Access is not configured.
async function accessIdentity(c: Context, opts: AuthOptions): Promise<string | null | 'off'> {
  const { accessAud: aud, accessTeamDomain: teamDomain } = config(c.env as Env).admin;
  if (!aud || !teamDomain) return 'off';
  const token = c.req.header('cf-access-jwt-assertion') ?? getCookie(c, 'CF_Authorization');
  if (!token) return null;
  try {
    const claims = await verifyAccessJwt(token, { aud, teamDomain, keys: (opts.accessKeys ?? defaultKeys)(teamDomain) }, Date.now());
    return claims ? (claims.email ?? claims.sub ?? 'access') : null;
  } catch (err) {
    console.warn(`Access verification failed: ${err instanceof Error ? err.message : 'error'}`);
    return null;
  }
}

// /api/admin/*: Authorization: Bearer <ADMIN_TOKEN> (and Access when configured).
export function requireAdminToken(opts: AuthOptions = {}): MiddlewareHandler<AdminEnv> {
  return async function requireAdminToken(c, next) {
    const access = await accessIdentity(c, opts);
    if (access === null) return apiError(c, 403, 'forbidden', 'A valid Cloudflare Access token is required.');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!(await isAdminToken(c.env, m?.[1]))) {
      c.header('WWW-Authenticate', 'Bearer realm="admin"');
      return apiError(c, 401, 'unauthorized', 'A valid admin token is required.');
    }
    c.set('actor', access === 'off' ? 'api-token' : access);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

// /admin pages: a valid session cookie (and Access when configured); otherwise GET is
// sent to the login form and anything else is refused.
export function requireAdminSession(opts: AuthOptions = {}): MiddlewareHandler<AdminEnv> {
  return async function requireAdminSession(c, next) {
    const access = await accessIdentity(c, opts);
    if (access === null) return c.text('A valid Cloudflare Access token is required.', 403);
    const actor = await readSession(c.env.DB, sessionKeys(c.env), getCookie(c, SESSION_COOKIE), Date.now());
    if (!actor) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
      return c.text('Your session has expired; log in again.', 401);
    }
    c.set('actor', access === 'off' ? actor : `${actor} (${access})`);
    await next();
  };
}

// Access alone (the login form itself, when Access is configured).
export function requireAccessIfConfigured(opts: AuthOptions = {}): MiddlewareHandler<AdminEnv> {
  return async function requireAccessIfConfigured(c, next) {
    if ((await accessIdentity(c, opts)) === null) return c.text('A valid Cloudflare Access token is required.', 403);
    await next();
  };
}
