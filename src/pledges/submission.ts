import type { Context } from 'hono';
import { config } from '../platform/config.ts';
import type { Db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { clientIp, clientIpHash } from '../platform/http/client.ts';
import type { Refusal } from '../platform/http/outcome.ts';
import { verifyTurnstile } from '../platform/http/turnstile.ts';
import { cachedPledge } from './pledges.cache.ts';
import { type Pledge, signingClosedReason } from './pledges.ts';

export const BURST_PERIOD_SECONDS = 10;

// Per-IP burst window with the Rate Limiting binding (per location, eventually
// consistent: it stops bursts; sustained limits are counted in D1).
export async function overBurstLimit(env: Env, key: string | null): Promise<boolean> {
  const { success } = await env.SIGN_BURST.limit({ key: key ?? 'unknown' });
  return !success;
}

export type { Refusal };

export type Admitted = { ok: true; d: Db; pledge: Pledge; now: number; ipHash: string | null };

// The checks every public submission passes first: the pledge exists, is published and
// open, and the client's address is under the burst limit.
export async function admitSubmission(c: Context<AppEnv>, slug: string): Promise<Admitted | { ok: false; refusal: Refusal }> {
  const d = c.var.db;
  const pledge = await cachedPledge(c.env, slug);
  if (!pledge || pledge.status === 'draft') return { ok: false, refusal: { kind: 'notFound' } };
  const now = Date.now();
  const closed = signingClosedReason(pledge, now);
  if (closed) return { ok: false, refusal: { kind: 'closed', reason: closed } };
  const ipHash = await clientIpHash(c);
  if (await overBurstLimit(c.env, ipHash)) return { ok: false, refusal: { kind: 'rateLimited', retryAfter: BURST_PERIOD_SECONDS } };
  return { ok: true, d, pledge, now, ipHash };
}

// Turnstile, only when TURNSTILE_SECRET is set: null when passed, else the field error.
export async function turnstileRefusal(c: Context<AppEnv>, token: string | undefined): Promise<Refusal | null> {
  const secret = config(c.env).turnstile.secret;
  if (!secret || (await verifyTurnstile(secret, token, clientIp(c)))) return null;
  return { kind: 'invalid', codes: { turnstileToken: token ? 'invalid' : 'required' } };
}
