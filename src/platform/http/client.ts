import type { Context } from 'hono';
import { config } from '../config.ts';
import { hmacHex } from '../crypto/tokens.ts';
import type { AppEnv } from '../env.ts';

// The client's address as Cloudflare reports it. Used only to rate limit and, hashed,
// to spot abuse; never stored or logged raw.
export function clientIp(c: Context): string | null {
  return c.req.header('cf-connecting-ip') ?? null;
}

// Keyed hash of the client address (HMAC with IP_HASH_SECRET).
export async function clientIpHash(c: Context<AppEnv>): Promise<string | null> {
  const ip = clientIp(c);
  return ip ? (await hmacHex(config(c.env).ipHashSecret, ip)).slice(0, 32) : null;
}

// Links in mails point at PUBLIC_URL when set, else at the address the request came to.
export function baseUrl(c: Context<AppEnv>): string {
  return config(c.env).publicUrl ?? new URL(c.req.url).origin;
}
