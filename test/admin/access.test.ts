import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type AccessKeys, verifyAccessJwt } from '../../src/admin/access.ts';
import { type AdminEnv, requireAdminToken } from '../../src/admin/auth.ts';
import { toBase64Url } from '../../src/platform/crypto/tokens.ts';

// Cloudflare Access JWTs signed with keys made here; the verifier gets them through
// the AccessKeys interface, as production gets them from the team's certs endpoint.
const TEAM = 'example-team.cloudflareaccess.com';
const AUD = 'a'.repeat(64);

async function keyPair() {
  return (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

const enc = (o: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(o)));

async function jwt(key: CryptoKey, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }) {
  const head = `${enc(header)}.${enc(claims)}`;
  const sig = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(head)));
  return `${head}.${toBase64Url(sig)}`;
}

const now = Date.now();
const good = { aud: [AUD], iss: `https://${TEAM}`, exp: Math.floor(now / 1000) + 600, email: 'organiser@example.org' };

describe('Cloudflare Access JWT', async () => {
  const pair = await keyPair();
  const other = await keyPair();
  const keys: AccessKeys = { key: async (kid) => (kid === 'k1' ? pair.publicKey : null) };
  const config = { aud: AUD, teamDomain: TEAM, keys };

  it('accepts a token signed by the team key for this audience', async () => {
    expect((await verifyAccessJwt(await jwt(pair.privateKey, good), config, now))?.email).toBe('organiser@example.org');
  });

  it('refuses a wrong audience, issuer, expired token, unknown key, other signer, alg none or a tampered payload', async () => {
    expect(await verifyAccessJwt(await jwt(pair.privateKey, { ...good, aud: ['other-app'] }), config, now)).toBeNull();
    expect(await verifyAccessJwt(await jwt(pair.privateKey, { ...good, iss: 'https://evil.cloudflareaccess.com' }), config, now)).toBeNull();
    expect(await verifyAccessJwt(await jwt(pair.privateKey, { ...good, exp: Math.floor(now / 1000) - 1 }), config, now)).toBeNull();
    expect(await verifyAccessJwt(await jwt(pair.privateKey, good, { alg: 'RS256', kid: 'k2' }), config, now)).toBeNull();
    expect(await verifyAccessJwt(await jwt(other.privateKey, good), config, now)).toBeNull();
    expect(await verifyAccessJwt(`${enc({ alg: 'none', kid: 'k1' })}.${enc(good)}.`, config, now)).toBeNull();
    const [h, , s] = (await jwt(pair.privateKey, good)).split('.');
    expect(await verifyAccessJwt(`${h}.${enc({ ...good, email: 'mallory@example.org' })}.${s}`, config, now)).toBeNull();
    expect(await verifyAccessJwt('not.a.jwt', config, now)).toBeNull();
  });

  it('when configured, the admin API needs a valid Access token besides the admin token', async () => {
    const api = new Hono<AdminEnv>();
    api.use('*', requireAdminToken({ accessKeys: () => keys }));
    api.get('/who', (c) => c.text(c.get('actor')));
    const withAccess = { ...env, ACCESS_AUD: AUD, ACCESS_TEAM_DOMAIN: TEAM };
    const bearer = { authorization: 'Bearer test-admin-token' };

    expect((await api.request('/who', { headers: bearer }, withAccess)).status).toBe(403);
    const wrongAud = await jwt(pair.privateKey, { ...good, aud: ['other-app'] });
    expect((await api.request('/who', { headers: { ...bearer, 'cf-access-jwt-assertion': wrongAud } }, withAccess)).status).toBe(403);
    const token = await jwt(pair.privateKey, good);
    expect((await api.request('/who', { headers: { 'cf-access-jwt-assertion': token } }, withAccess)).status).toBe(401);
    const ok = await api.request('/who', { headers: { ...bearer, 'cf-access-jwt-assertion': token } }, withAccess);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('organiser@example.org');
    // Not configured: the admin token alone is enough.
    expect((await api.request('/who', { headers: bearer }, env)).status).toBe(200);
  });
});
