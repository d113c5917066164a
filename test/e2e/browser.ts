// Shared pieces of the real-browser tests: Debian's Chromium driven by playwright-core,
// the app server started by global-setup.ts, and the steps of signing.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = `SKIPPED: browser tests need Chromium at ${CHROMIUM} (install Debian's package: apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.`;
if (!hasChromium) console.warn(NO_CHROMIUM);

export const SLUG = 'cast-2020';
export const PLEDGE = `/p/${SLUG}`;
export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;

export function baseURL(): string {
  return inject('baseURL');
}

// Flags for Chromium on this machine: no sandbox as root, no network besides localhost.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

// One browser per test file: registers the hooks, returns a getter for the tests.
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), ...options });
  return context.newPage();
}

// A fresh address per signature (one signature per email per pledge). No "+tag": the
// platform drops it when it normalises addresses.
let serial = 0;
export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${Date.now().toString(36)}${(serial++).toString(36)}@example.org`;
}

export type SignValues = { name: string; email: string; affiliation: string; field: string; region: string; public?: boolean };

export async function fillSignForm(page: Page, v: SignValues) {
  await page.locator('#f-name').fill(v.name);
  await page.locator('#f-email').fill(v.email);
  await page.locator('#f-affiliation').fill(v.affiliation);
  await page.locator('#f-field').selectOption(v.field);
  await page.locator('#f-region').selectOption(v.region);
  if (v.public) await page.locator('#f-public').check();
}

export function signer(tag: string): SignValues {
  return { name: '张三 Zhang San', email: uniqueEmail(tag), affiliation: '中国科学院 Institute of Physics', field: 'science', region: 'CN-BJ' };
}

// The number shown in a [data-count] element, whatever the language's digit grouping.
export async function shownCount(page: Page, which: 'individuals' | 'societies' = 'individuals'): Promise<number> {
  const text = await page.locator(`[data-count="${which}"]`).first().textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

export async function apiCounts(): Promise<{ individuals: number; societies: number }> {
  const res = await fetch(`${baseURL()}/api/pledges/${SLUG}/counts`);
  expect(res.status).toBe(200);
  return (await res.json()) as { individuals: number; societies: number };
}

type Mail = { to: string; subject: string; text: string; sentAt: string };

// The newest mail sent to an address, as the development transport recorded it.
export async function mailTo(email: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${baseURL()}/dev/outbox?limit=1000`);
        const mails = (await res.json()) as Mail[];
        found = mails.find((m) => m.to === email);
        return found !== undefined;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  return found!;
}

// The path of a link in a mail (/confirm/<token>, /withdraw/<token>...).
export function linkPath(mail: Mail, kind: string): string {
  const m = mail.text.match(new RegExp(`https?://[^\\s/]+(/${kind}/[A-Za-z0-9_-]+)`));
  expect(m, `a /${kind}/ link in the mail "${mail.subject}"`).toBeTruthy();
  return m![1]!;
}

// The only submit button of a page's main content (confirm, withdraw).
export function mainButton(page: Page) {
  return page.locator('main form button[type="submit"]');
}

// Fills and sends the sign form on the current pledge page; ends on "check your email".
export async function submitSignature(page: Page, v: SignValues) {
  await fillSignForm(page, v);
  await Promise.all([page.waitForURL(`**${PLEDGE}/check-email*`), page.locator('#f-submit').click()]);
}

// Opens the confirmation link from the mail and presses Confirm; ends on the thank-you page.
export async function confirmFromMail(page: Page, email: string) {
  const path = linkPath(await mailTo(email), 'confirm');
  await page.goto(path);
  const res = await pressAndLoad(page, mainButton(page));
  expect(res.status()).toBe(200);
  await expect.poll(() => page.locator('a[href^="/withdraw/"]').count()).toBe(1);
}

// Clicks a submit button and waits for the page its POST loads.
export async function pressAndLoad(page: Page, button: ReturnType<Page['locator']>) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), button.click()]);
  await page.waitForLoadState('domcontentloaded');
  return res;
}

// Signs through the JSON API (no browser needed) and returns the confirmation path.
export async function signViaApi(tag: string): Promise<{ email: string; confirmPath: string }> {
  const v = signer(tag);
  const res = await fetch(`${baseURL()}/api/pledges/${SLUG}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: v.name, email: v.email, affiliation: v.affiliation, field: v.field, region: v.region }),
  });
  expect(res.status).toBe(202);
  return { email: v.email, confirmPath: linkPath(await mailTo(v.email), 'confirm') };
}

export const ADMIN_TOKEN = 'dev-admin-token'; // .dev.vars.example, development only

// Opens the organisers' console at /admin: the token goes as a Bearer header, and if
// the console asks for it in a sign-in form (a password field), it is typed there.
export async function openAdmin(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await openPage(browser, { extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` }, ...options });
  await page.goto('/admin');
  const tokenField = page.locator('input[type="password"]');
  if ((await tokenField.count()) > 0) {
    await tokenField.first().fill(ADMIN_TOKEN);
    await pressAndLoad(page, page.locator('form:has(input[type="password"]) [type="submit"]').first());
  }
  expect(await page.locator('input[type="password"]').count(), 'signed in to /admin').toBe(0);
  return page;
}
