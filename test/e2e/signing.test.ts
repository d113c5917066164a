// Signing in a real browser, with and without JavaScript: the form, the mail, the
// confirmation, the totals, withdrawal, form errors and the language switch.
import { describe, expect, test } from 'vitest';
import {
  apiCounts,
  baseURL,
  confirmFromMail,
  hasChromium,
  linkPath,
  mailTo,
  mainButton,
  openPage,
  PLEDGE,
  pressAndLoad,
  shownCount,
  signer,
  submitSignature,
  useBrowser,
} from './browser.ts';

describe.skipIf(!hasChromium)('signing in Chromium', () => {
  const browser = useBrowser();

  for (const javaScriptEnabled of [true, false]) {
    test(`sign, read the mail, confirm: the total rises by one (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await openPage(browser(), { javaScriptEnabled });
      await page.goto(`${PLEDGE}?lang=en`);
      const before = await shownCount(page);
      expect(before).toBe((await apiCounts()).individuals);

      const v = signer(javaScriptEnabled ? 'js' : 'nojs');
      await submitSignature(page, v);
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/email/i);
      // Pending until confirmed.
      expect((await apiCounts()).individuals).toBe(before);

      const mail = await mailTo(v.email);
      const path = linkPath(mail, 'confirm');
      // Opening the link (as a mail scanner would) shows a button and changes nothing.
      await page.goto(path);
      await expect.poll(() => mainButton(page).count()).toBe(1);
      expect((await apiCounts()).individuals).toBe(before);

      await confirmFromMail(page, v.email);
      await page.goto(PLEDGE);
      expect(await shownCount(page)).toBe(before + 1);
      await page.context().close();
    });
  }

  test('withdrawal from the thank-you page lowers the total by one', async () => {
    const page = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${PLEDGE}?lang=zh-Hant`);
    const v = signer('withdraw');
    await submitSignature(page, v);
    await confirmFromMail(page, v.email);
    const confirmed = (await apiCounts()).individuals;

    await page.locator('a[href^="/withdraw/"]').click();
    await page.waitForURL('**/withdraw/**');
    // GET only asks; the count is unchanged until the button is pressed.
    await expect.poll(() => mainButton(page).count()).toBe(1);
    expect((await apiCounts()).individuals).toBe(confirmed);
    const res = await pressAndLoad(page, mainButton(page));
    expect(res.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');

    await page.goto(PLEDGE);
    expect(await shownCount(page)).toBe(confirmed - 1);
    await page.context().close();
  });

  test('live counts: a second open page sees the total rise without reload', async () => {
    const watcher = await openPage(browser());
    await watcher.goto(PLEDGE);
    // The total is announced politely to screen readers when it changes.
    expect(await watcher.locator('.totals [aria-live="polite"]').count()).toBe(1);
    expect(await watcher.locator('script[src*="live"]').count(), 'the pledge page loads web/live.js').toBe(1);
    const before = await shownCount(watcher);
    let navigations = 0;
    watcher.on('framenavigated', (f) => {
      if (f === watcher.mainFrame()) navigations++;
    });
    await watcher.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const signerPage = await openPage(browser());
    await signerPage.goto(PLEDGE);
    const v = signer('live');
    await submitSignature(signerPage, v);
    await confirmFromMail(signerPage, v.email);

    await expect.poll(() => shownCount(watcher), { timeout: 30_000, interval: 250 }).toBe(before + 1);
    expect(navigations).toBe(0);
    expect(await watcher.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await watcher.context().close();
    await signerPage.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`form errors are shown, values kept, and the summary links move to the fields (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await openPage(browser(), { javaScriptEnabled });
      await page.goto(`${PLEDGE}?lang=en`);
      const before = (await apiCounts()).individuals;
      await page.locator('#f-name').fill('李四 Li Si');
      await page.locator('#f-email').fill('not-an-address');
      await page.locator('#f-field').selectOption('medicine');
      await page.locator('#f-title').fill('研究员');
      const res = await pressAndLoad(page, page.locator('#f-submit'));
      expect(res.status()).toBe(400);

      // The error summary links to each field in error, in the form's order.
      const links = page.locator('.error-summary a');
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(['#f-email', '#f-affiliation', '#f-region']);
      for (const f of ['email', 'affiliation', 'region']) {
        expect(await page.locator(`#f-${f}-error`).isVisible(), `inline message for ${f}`).toBe(true);
        expect(await page.locator(`#f-${f}`).getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator(`#f-${f}`).getAttribute('aria-describedby')).toContain(`f-${f}-error`);
      }
      expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBeNull();

      // What was typed is kept.
      expect(await page.locator('#f-name').inputValue()).toBe('李四 Li Si');
      expect(await page.locator('#f-email').inputValue()).toBe('not-an-address');
      expect(await page.locator('#f-field').inputValue()).toBe('medicine');
      expect(await page.locator('#f-title').inputValue()).toBe('研究员');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      // Each summary link takes the keyboard to its field.
      for (const f of ['email', 'region', 'affiliation']) {
        await page.locator(`.error-summary a[href="#f-${f}"]`).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`f-${f}`);
        expect(await page.locator(`#f-${f}`).isVisible()).toBe(true);
      }
      expect((await apiCounts()).individuals).toBe(before);
      await page.context().close();
    });
  }

  test('language switch: lang attribute, remembered in a cookie, carried through signing', async () => {
    // A reader whose browser asks for Traditional Chinese (Taiwan).
    const page = await openPage(browser(), { locale: 'zh-TW' });
    await page.goto(PLEDGE);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    const titles: Record<string, string | null> = { 'zh-Hant': await page.locator('h1').textContent() };

    for (const lang of ['en', 'zh-Hans'] as const) {
      await Promise.all([page.waitForURL(`**${PLEDGE}?lang=${lang}`), page.locator(`nav.langs a[hreflang="${lang}"]`).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator(`nav.langs a[hreflang="${lang}"]`).getAttribute('aria-current')).toBe('true');
      const cookie = (await page.context().cookies(baseURL())).find((c) => c.name === 'lang');
      expect(cookie?.value).toBe(lang);
      titles[lang] = await page.locator('h1').textContent();

      // Remembered: the plain address, and the home page, come back in that language.
      await page.goto(PLEDGE);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe(PLEDGE);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    }
    expect(new Set(Object.values(titles)).size).toBe(3);
    expect(titles.en).toMatch(/[A-Za-z]/);

    // The pages after signing speak the chosen language.
    const v = signer('lang');
    await submitSignature(page, v);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await page.context().close();
  });
});
