import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { config } from '../platform/config.ts';
import { seal, unseal } from '../platform/crypto/sealed.ts';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { signingClosedReason } from '../pledges/pledges.ts';
import { ORCID_PROOF_COOKIE, ORCID_PROOF_PURPOSE, ORCID_PROOF_TTL_MS, type OrcidProof } from '../signatures/orcid.ts';
import { verificationWords } from '../signatures/verification.messages.ts';
import { orcidProvenElsewhere } from '../signatures/verification.queries.ts';
import { type Failure, type Flow, finishSignIn, OrcidFailure, startSignIn } from './orcid.actions.ts';

// ORCID sign-in (issue 16): GET /auth/orcid/start?pledge=<slug> sends the visitor to
// ORCID; GET /auth/orcid/callback comes back, checks state, nonce and PKCE, and hands the
// proven iD to the pledge's sign form (GET /p/<slug>/sign) in a sealed, short-lived
// cookie. Optional: the plain form and its email confirmation stay the way to sign.
export const orcidPages = new Hono<AppEnv>();

const FLOW_COOKIE = 'orcid_flow';
const FLOW_PURPOSE = 'orcid-flow:v1';
const FLOW_TTL_MS = 10 * 60 * 1000;

const redirectUri = (c: Context<AppEnv>) => `${baseUrl(c)}/auth/orcid/callback`;

// A private page: the visitor's own sign-in, never cached.
function failurePage(c: Context<AppEnv>, slug: string | null, title: string, body: string, status: ContentfulStatusCode) {
  const w = verificationWords(c.get('lang'));
  c.header('Cache-Control', 'no-store');
  return c.html(
    <Layout lang={c.get('lang')} path={c.req.path} title={title}>
      <h1>{title}</h1>
      <p id="orcid-problem">{body}</p>
      {slug ? (
        <p>
          <a href={`/p/${encodeURIComponent(slug)}#sign`}>{w.backToForm}</a>
        </p>
      ) : null}
    </Layout>,
    status,
  );
}

const FAILURE_STATUS: Record<Failure, ContentfulStatusCode> = { unavailable: 503, badState: 400, codeRefused: 400, denied: 400 };

function failure(c: Context<AppEnv>, slug: string | null, reason: Failure) {
  const w = verificationWords(c.get('lang'));
  const body = { unavailable: w.unavailableBody, badState: w.badStateBody, codeRefused: w.codeRefusedBody, denied: w.deniedBody }[reason];
  if (reason === 'unavailable') c.header('Retry-After', '60');
  return failurePage(c, slug, w.failedTitle, body, FAILURE_STATUS[reason]);
}

async function openPledge(c: Context<AppEnv>, slug: string | undefined) {
  if (!slug || slug.length > 100) return null;
  const pledge = await getPledgeBySlug(c.var.db, slug);
  return pledge && pledge.status !== 'draft' && !signingClosedReason(pledge, Date.now()) ? pledge : null;
}

orcidPages.get('/auth/orcid/start', async (c) => {
  const cfg = config(c.env).orcid;
  if (!cfg.clientId) return notFoundPage(c);
  const pledge = await openPledge(c, c.req.query('pledge'));
  if (!pledge) return notFoundPage(c);
  let started: Awaited<ReturnType<typeof startSignIn>>;
  try {
    started = await startSignIn(cfg, redirectUri(c), pledge.slug);
  } catch (err) {
    if (err instanceof OrcidFailure) return failure(c, pledge.slug, err.reason);
    throw err;
  }
  setCookie(c, FLOW_COOKIE, await seal(config(c.env).admin.sessionSecret, FLOW_PURPOSE, started.flow, Date.now() + FLOW_TTL_MS), {
    path: '/auth/orcid',
    httpOnly: true,
    secure: true,
    // Lax: the cookie must come back with the top-level redirect from ORCID.
    sameSite: 'Lax',
    maxAge: FLOW_TTL_MS / 1000,
  });
  c.header('Cache-Control', 'no-store');
  return c.redirect(started.url, 302);
});

orcidPages.get('/auth/orcid/callback', async (c) => {
  const cfg = config(c.env).orcid;
  if (!cfg.clientId) return notFoundPage(c);
  const secret = config(c.env).admin.sessionSecret;
  const now = Date.now();
  const flow = await unseal<Flow>(secret, FLOW_PURPOSE, getCookie(c, FLOW_COOKIE), now);
  // No flow of this browser: a forged, replayed or expired callback.
  if (!flow) return failure(c, null, 'badState');
  // One callback per flow: the state cookie goes, whatever happens next.
  deleteCookie(c, FLOW_COOKIE, { path: '/auth/orcid', secure: true, httpOnly: true, sameSite: 'Lax' });
  const pledge = await openPledge(c, flow.slug);
  if (!pledge) return notFoundPage(c);
  let signedIn: Awaited<ReturnType<typeof finishSignIn>>;
  try {
    signedIn = await finishSignIn(cfg, redirectUri(c), flow, new URL(c.req.url));
  } catch (err) {
    if (err instanceof OrcidFailure) return failure(c, pledge.slug, err.reason);
    throw err;
  }
  if (await orcidProvenElsewhere(c.var.db, pledge.id, signedIn.orcid)) {
    const w = verificationWords(c.get('lang'));
    return failurePage(c, pledge.slug, w.takenTitle, w.takenBody, 409);
  }
  const proof: OrcidProof = { pledgeId: pledge.id, orcid: signedIn.orcid, name: signedIn.name };
  setCookie(c, ORCID_PROOF_COOKIE, await seal(secret, ORCID_PROOF_PURPOSE, proof, now + ORCID_PROOF_TTL_MS), {
    path: `/p/${pledge.slug}/sign`,
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: ORCID_PROOF_TTL_MS / 1000,
  });
  c.header('Cache-Control', 'no-store');
  return c.redirect(`/p/${pledge.slug}/sign`, 303);
});
