// Cloudflare Access: when a deployment sits behind Access, every request carries a
// signed JWT (header Cf-Access-Jwt-Assertion). We check its RS256 signature with the
// team's public keys, its audience (the application's AUD tag), issuer and expiry.
// https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/

// Where the verification keys come from: the team's certs endpoint in production,
// keys generated in the test itself in tests.
export interface AccessKeys {
  key(kid: string): Promise<CryptoKey | null>;
}

export type AccessConfig = { aud: string; teamDomain: string; keys: AccessKeys };
export type AccessClaims = { email?: string; sub?: string; aud: string | string[]; iss: string; exp: number; nbf?: number };

const b64urlBytes = (s: string) => Uint8Array.from(atob(s.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (s.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
const b64urlJson = (s: string) => JSON.parse(new TextDecoder().decode(b64urlBytes(s))) as Record<string, unknown>;

export function teamIssuer(teamDomain: string): string {
  const host = teamDomain.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return `https://${host}`;
}

export async function verifyAccessJwt(token: string, config: AccessConfig, now: number): Promise<AccessClaims | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = b64urlJson(h);
    claims = b64urlJson(p);
  } catch {
    return null;
  }
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') return null;
  const key = await config.keys.key(header.kid);
  if (!key) return null;
  let valid = false;
  try {
    valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, b64urlBytes(s), new TextEncoder().encode(`${h}.${p}`));
  } catch {
    return null;
  }
  if (!valid) return null;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(config.aud)) return null;
  if (claims.iss !== teamIssuer(config.teamDomain)) return null;
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number' || seconds >= claims.exp) return null;
  if (typeof claims.nbf === 'number' && seconds < claims.nbf - 60) return null;
  return claims as AccessClaims;
}

// Keys from https://<team>.cloudflareaccess.com/cdn-cgi/access/certs, cached per isolate
// for ten minutes (Access rotates keys every six weeks and publishes the next in advance).
export function certsEndpointKeys(teamDomain: string, fetcher: typeof fetch = fetch): AccessKeys {
  let cache: { at: number; keys: Map<string, CryptoKey> } | null = null;
  async function load(): Promise<Map<string, CryptoKey>> {
    if (cache && Date.now() - cache.at < 10 * 60 * 1000) return cache.keys;
    const res = await fetcher(`${teamIssuer(teamDomain)}/cdn-cgi/access/certs`);
    if (!res.ok) throw new Error(`Access certs answered ${res.status}`);
    const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
    const keys = new Map<string, CryptoKey>();
    for (const jwk of body.keys ?? []) {
      if (!jwk.kid || jwk.kty !== 'RSA') continue;
      keys.set(jwk.kid, await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']));
    }
    cache = { at: Date.now(), keys };
    return keys;
  }
  return {
    async key(kid) {
      return (await load()).get(kid) ?? null;
    },
  };
}
