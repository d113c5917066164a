// ORCID sign-in in Chromium (issue 16). ORCID needs the internet, so a real OpenID
// Connect provider (oidc-provider, its development login and consent pages) runs on a
// local port as ORCID's stand-in, and a second app server is started with ORCID_ISSUER
// pointed at it (http is allowed for a localhost issuer only). Covered: the whole flow
// to an ORCID-verified signature on the wall, a forged state, a replayed code, an iD
// already proven by another signature, and a provider that is down (a clear message;
// the email path still works).
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, type RunningApp, startApp } from '../../scripts/app-server.ts';
import { fillSignForm, hasChromium, launch, linkPath, mainButton, pressAndLoad, SLUG, uniqueEmail } from './browser.ts';

const CLIENT_ID = 'APP-E2ETEST0000000';
const CLIENT_SECRET = 'e2e-client-secret';

// ORCID's iDs are the subject; the stand-in takes any login, so tests log in with an iD.
function newOrcid(): string {
  const base = Array.from({ length: 15 }, () => Math.floor(Math.random() * 10)).join('');
  let total = 0;
  for (const ch of base) total = (total + Number(ch)) * 2;
  const r = (12 - (total % 11)) % 11;
  const d = base + (r === 10 ? 'X' : String(r));
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
}

describe.skipIf(!hasChromium)('ORCID sign-in against a local OpenID Connect provider', () => {
  let app: RunningApp;
  let server: Server;
  let issuer: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    app = await startApp({ vars: { ORCID_CLIENT_ID: CLIENT_ID, ORCID_CLIENT_SECRET: CLIENT_SECRET, ORCID_ISSUER: issuer } });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${app.url}/auth/orcid/callback`],
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // As ORCID: the iD is the subject, the names are in the ID token with scope openid.
      findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, given_name: 'Lei', family_name: 'Li' }) }),
      claims: { openid: ['sub', 'given_name', 'family_name'] },
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
    });
    server = createServer(provider.callback());
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    browser = await launch();
    // A second app server on a loaded machine can take minutes (APP_READY_TIMEOUT_MS).
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.listening) await new Promise((done) => server.close(done));
    await app?.stop();
  });

  async function fresh(): Promise<Page> {
    const context = await browser.newContext({ baseURL: app.url });
    return context.newPage();
  }

  async function mailTo(email: string): Promise<{ to: string; text: string; subject: string; sentAt: string }> {
    let found: { to: string; text: string; subject: string; sentAt: string } | undefined;
    await expect
      .poll(
        async () => {
          const mails = (await (await fetch(`${app.url}/dev/outbox?limit=1000`)).json()) as { to: string; text: string; subject: string; sentAt: string }[];
          found = mails.find((m) => m.to === email);
          return found !== undefined;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe(true);
    return found!;
  }

  // From the pledge page through the provider's login and consent, back to the app.
  // Returns the callback URL and the cookies the browser sent with it.
  async function signInWithOrcid(page: Page, orcid: string): Promise<{ callback: string; cookie: string }> {
    let callback = '';
    let cookie = '';
    page.on('request', async (req) => {
      if (req.url().startsWith(`${app.url}/auth/orcid/callback`)) {
        callback = req.url();
        cookie = (await req.allHeaders()).cookie ?? '';
      }
    });
    await page.goto(`/p/${SLUG}?lang=en`);
    await Promise.all([page.waitForURL(`${issuer}/**`), page.locator('#orcid-signin').click()]);
    await page.locator('input[name="login"]').fill(orcid);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    // The consent page (first time for this client).
    const consent = page.locator('button:has-text("Continue")');
    await page.waitForLoadState('domcontentloaded');
    if (page.url().startsWith(issuer) && (await consent.count()) > 0) await consent.click();
    await page.waitForURL(`${app.url}/**`);
    await page.waitForLoadState('domcontentloaded');
    expect(callback).toContain('/auth/orcid/callback?');
    return { callback, cookie };
  }

  const orcidA = newOrcid();
  let replay: { callback: string; cookie: string };

  test('the whole flow: ORCID sign-in, the prefilled form, the mail, an ORCID-verified entry on the wall', async () => {
    const page = await fresh();
    replay = await signInWithOrcid(page, orcidA);
    expect(new URL(page.url()).pathname).toBe(`/p/${SLUG}/sign`);
    await expect.poll(() => page.locator('.orcid-proven').textContent()).toContain(orcidA);
    expect(await page.locator('#f-name').inputValue()).toBe('Lei Li');
    const email = uniqueEmail('orcid');
    await fillSignForm(page, { name: 'Lei Li', email, affiliation: 'Institute of Physics', field: 'science', region: 'CN-BJ', public: true });
    await Promise.all([page.waitForURL(`**/p/${SLUG}/check-email*`), page.locator('#f-submit').click()]);

    await page.goto(linkPath(await mailTo(email), 'confirm'));
    expect((await pressAndLoad(page, mainButton(page))).status()).toBe(200);

    const list = (await (await fetch(`${app.url}/api/pledges/${SLUG}/signatories?level=orcid`)).json()) as { items: { name: string; orcid: string; verification: string }[] };
    expect(list.items).toContainEqual(expect.objectContaining({ name: 'Lei Li', orcid: orcidA, verification: 'orcid' }));
    const counts = (await (await fetch(`${app.url}/api/pledges/${SLUG}/counts`)).json()) as { verified: { orcid: number } };
    expect(counts.verified.orcid).toBeGreaterThanOrEqual(1);
    await page.goto(`/p/${SLUG}/signatories?lang=en&level=orcid`);
    expect(await page.locator(`a[href="https://orcid.org/${orcidA}"]`).count()).toBe(1);
  });

  test('a replayed code is refused by the provider, with a clear message', async () => {
    expect(replay?.callback).toBeTruthy();
    const res = await fetch(replay.callback, { headers: { cookie: replay.cookie }, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/refused this sign-in/);
  });

  test('a forged state is refused', async () => {
    const page = await fresh();
    await page.goto(`/p/${SLUG}?lang=en`);
    // Start a real flow (its state cookie is set), then come back with another state.
    await Promise.all([page.waitForURL(`${issuer}/**`), page.locator('#orcid-signin').click()]);
    const res = await page.goto(`${app.url}/auth/orcid/callback?code=forged-code&state=forged-state&iss=${encodeURIComponent(issuer)}`);
    expect(res?.status()).toBe(400);
    expect(await page.locator('#orcid-problem').textContent()).toMatch(/could not be verified/);
    // Without any flow cookie at all.
    const bare = await fetch(`${app.url}/auth/orcid/callback?code=x&state=y`, { redirect: 'manual' });
    expect(bare.status).toBe(400);
  });

  test('an iD already proven by another signature of the pledge is refused clearly', async () => {
    const page = await fresh();
    await signInWithOrcid(page, orcidA);
    expect(await page.locator('h1').textContent()).toMatch(/already signed/);
    expect(await page.locator('#orcid-problem').textContent()).toMatch(/Each ORCID iD verifies one signature/);
    expect(await page.locator(`a[href="/p/${SLUG}#sign"]`).count()).toBe(1);
  });

  test('a provider that is down: a clear message, and the email path still works', async () => {
    await new Promise((done) => server.close(done));
    server.closeAllConnections?.();
    const page = await fresh();
    await page.goto(`/p/${SLUG}?lang=en`);
    const [res] = await Promise.all([page.waitForNavigation(), page.locator('#orcid-signin').click()]);
    expect(res?.status()).toBe(503);
    expect(await page.locator('#orcid-problem').textContent()).toMatch(/cannot be reached/);
    await page.locator(`a[href="/p/${SLUG}#sign"]`).click();
    await page.waitForLoadState('domcontentloaded');
    const email = uniqueEmail('orcid-down');
    await fillSignForm(page, { name: 'Han Meimei', email, affiliation: 'Example University', field: 'science', region: 'CN-SH' });
    await Promise.all([page.waitForURL(`**/p/${SLUG}/check-email*`), page.locator('#f-submit').click()]);
    expect((await mailTo(email)).text).toContain('/confirm/');
  });
});
