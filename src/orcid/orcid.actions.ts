// ORCID sign-in (issue 16): OpenID Connect authorization code flow with state, nonce and
// PKCE, through oauth4webapi (small, no dependencies, runs in workerd). No HTTP routing
// here: the pages adapt these verbs. ORCID's OpenID Connect: https://info.orcid.org/
// documentation/integration-guide/orcid-and-openid-connect/ (scope openid; the ID
// token's `sub` is the iD; given_name and family_name when the record shows them).
import * as oauth from 'oauth4webapi';
import { normaliseOrcid } from '../signatures/orcid.ts';

export type OrcidConfig = { clientId: string; clientSecret: string; issuer: string };

// What the flow keeps between start and callback (sealed in a cookie).
export type Flow = { state: string; verifier: string; nonce: string; slug: string };

export type SignedIn = { orcid: string; name: string | null };

// Why a callback did not sign anyone in; each has its own message.
export type Failure = 'unavailable' | 'badState' | 'codeRefused' | 'denied';
export class OrcidFailure extends Error {
  override name = 'OrcidFailure';
  constructor(readonly reason: Failure) {
    super(reason);
  }
}

// Plain http is allowed only for an issuer on this machine (the tests' stand-in
// provider); ORCID itself and anything else must be https.
export function isLocalIssuer(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const TIMEOUT_S = 10;

function requestOptions(issuer: string) {
  return { [oauth.allowInsecureRequests]: isLocalIssuer(issuer), signal: AbortSignal.timeout(TIMEOUT_S * 1000) };
}

// Discovery on every start and callback: two small requests per sign-in, and a provider
// that went down is noticed at once instead of after a redirect to it.
async function discover(cfg: OrcidConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(cfg.issuer);
  try {
    return await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(cfg.issuer) }));
  } catch (err) {
    console.error(`ORCID discovery failed: ${err instanceof Error ? `${err.name}: ${err.message.slice(0, 120)}` : 'error'}`);
    throw new OrcidFailure('unavailable');
  }
}

const client = (cfg: OrcidConfig): oauth.Client => ({ client_id: cfg.clientId, token_endpoint_auth_method: 'client_secret_post' });

// The URL to send the visitor to, and what the callback must find again.
export async function startSignIn(cfg: OrcidConfig, redirectUri: string, slug: string): Promise<{ url: string; flow: Flow }> {
  const as = await discover(cfg);
  if (!as.authorization_endpoint) throw new OrcidFailure('unavailable');
  const flow: Flow = { state: oauth.generateRandomState(), verifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce(), slug };
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: cfg.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), flow };
}

function nameOf(claims: oauth.IDToken | undefined, body: Record<string, unknown>): string | null {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const whole = str(claims?.name) ?? ([str(claims?.given_name), str(claims?.family_name)].filter(Boolean).join(' ') || null) ?? str(body.name);
  return whole ? whole.slice(0, 100) : null;
}

// The callback: the state must be the one this browser started with, the code is
// exchanged once (with the PKCE verifier), and the ID token must carry our nonce.
export async function finishSignIn(cfg: OrcidConfig, redirectUri: string, flow: Flow, callbackUrl: URL): Promise<SignedIn> {
  if (callbackUrl.searchParams.get('error') === 'access_denied') throw new OrcidFailure('denied');
  const as = await discover(cfg);
  const c = client(cfg);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, c, callbackUrl, flow.state);
  } catch {
    throw new OrcidFailure('badState');
  }
  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(as, c, oauth.ClientSecretPost(cfg.clientSecret), params, redirectUri, flow.verifier, requestOptions(cfg.issuer));
  } catch (err) {
    console.error(`ORCID token request failed: ${err instanceof Error ? err.name : 'error'}`);
    throw new OrcidFailure('unavailable');
  }
  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processAuthorizationCodeResponse(as, c, response, { expectedNonce: flow.nonce, requireIdToken: true });
  } catch (err) {
    // invalid_grant (a used or expired code), a bad nonce, a malformed token.
    console.error(`ORCID code refused: ${err instanceof Error ? `${err.name}: ${err.message.slice(0, 120)}` : 'error'}`);
    throw new OrcidFailure(response.status >= 500 ? 'unavailable' : 'codeRefused');
  }
  const claims = oauth.getValidatedIdTokenClaims(result);
  const orcid = claims ? normaliseOrcid(claims.sub) : null;
  if (!orcid) throw new OrcidFailure('codeRefused');
  return { orcid, name: nameOf(claims, result as unknown as Record<string, unknown>) };
}
