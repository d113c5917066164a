// Issue 18 in a real browser: errors the GOV.UK way (focus and title), the order of the
// pledge page, the check-email page, and the console's confirmation step.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, hasChromium, mailTo, openAdmin, openPage, PLEDGE, pressAndLoad, signer, submitSignature, uniqueEmail, useBrowser } from './browser.ts';

const PHONE = { viewport: { width: 390, height: 844 } };

// After a failed submit: focus is on the error summary, it is in view, first in main, and the title says so.
async function expectErrorFocus(page: Page, prefix: string) {
  expect(await page.title()).toMatch(new RegExp(`^${prefix}`));
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
  const box = await page.locator('.error-summary').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeLessThan(page.viewportSize()!.height);
}

async function outboxCount(email: string): Promise<number> {
  const mails = (await (await fetch(`${baseURL()}/dev/outbox?limit=1000`)).json()) as { to: string }[];
  return mails.filter((m) => m.to === email).length;
}

describe.skipIf(!hasChromium)('forms and flow pages (issue 18)', () => {
  const browser = useBrowser();

  for (const [lang, prefix] of [
    ['zh-Hans', '错误：'],
    ['en', 'Error: '],
  ] as const) {
    test(`sign form (${lang}): the error summary takes focus, is in view on a phone, and the title is prefixed`, async () => {
      const page = await openPage(browser(), PHONE);
      await page.goto(`${PLEDGE}?lang=${lang}`);
      await page.locator('#f-email').fill('not-an-address');
      await pressAndLoad(page, page.locator('#f-submit'));
      await expectErrorFocus(page, prefix);
      // First in the main content, before the pledge's title.
      expect(await page.evaluate(() => document.querySelector('main')?.firstElementChild?.classList.contains('error-summary'))).toBe(true);
      await page.context().close();
    });
  }

  test('sign form without JavaScript: the summary still takes focus (autofocus, no script)', async () => {
    const page = await openPage(browser(), { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${PLEDGE}?lang=en`);
    await pressAndLoad(page, page.locator('#f-submit'));
    await expectErrorFocus(page, 'Error: ');
    await page.context().close();
  });

  test('endorse form (zh-Hant): the error summary takes focus and the title is prefixed', async () => {
    const page = await openPage(browser(), PHONE);
    await page.goto(`${PLEDGE}/endorse?lang=zh-Hant`);
    await pressAndLoad(page, page.locator('#f-submit'));
    await expectErrorFocus(page, '錯誤：');
    await page.context().close();
  });

  test('pledge editor: an empty slug gets a field error, focus and an error title', async () => {
    const page = await openAdmin(browser());
    await page.goto('/admin/pledges/new?lang=en');
    await page.locator('#f-slug').fill('');
    await pressAndLoad(page, page.locator('#f-submit'));
    await expectErrorFocus(page, 'Error: ');
    expect(await page.locator('#f-slug-error').textContent()).toBe('Required');
    await page.context().close();
  });

  test('pledge page order: title, tagline, a sign link near the top, the appeal, then the form', async () => {
    const page = await openPage(browser(), PHONE);
    await page.goto(`${PLEDGE}?lang=zh-Hans`);
    const order = await page.evaluate(() => {
      const els = ['article h1', 'article .sub', 'article a[href="#sign"]', 'article .text', '#sign'].map((s) => document.querySelector(s));
      if (els.some((e) => !e)) return 'missing';
      return els.every((e, i) => i === 0 || Boolean(els[i - 1]!.compareDocumentPosition(e!) & Node.DOCUMENT_POSITION_FOLLOWING));
    });
    expect(order).toBe(true);
    const link = await page.locator('article a[href="#sign"]').boundingBox();
    expect(link!.y).toBeLessThan(844);
    await page.locator('article a[href="#sign"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#sign');
    await page.context().close();
  });

  test('check-email shows the address masked and sends the mail again on request', async () => {
    const page = await openPage(browser(), PHONE);
    await page.goto(`${PLEDGE}?lang=en`);
    const v = { ...signer('resend'), email: uniqueEmail('resend') };
    await submitSignature(page, v);
    const [local, domain] = v.email.split('@') as [string, string];
    const masked = `${local[0]}***@${domain[0]}***.${domain.split('.').at(-1)}`;
    expect(await page.locator('main').textContent()).toContain(masked);
    expect(await page.content()).not.toContain(v.email);
    await mailTo(v.email);
    await pressAndLoad(page, page.locator('#f-resend'));
    expect(await page.locator('main [role="status"]').textContent()).toContain('Sent again');
    await expect.poll(() => outboxCount(v.email), { timeout: 20_000 }).toBe(2);
    await page.context().close();
  });

  test('console: invalidate asks first, then says what it did', async () => {
    const name = `Confirm Step ${Date.now().toString(36)}`;
    const res = await fetch(`${baseURL()}/api/pledges/cast-2020/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...signer('console'), name, email: uniqueEmail('console') }),
    });
    expect(res.status).toBe(202);
    const page = await openAdmin(browser());
    await expect
      .poll(
        async () => {
          await page.goto(`/admin/signatures?q=${encodeURIComponent(name)}&lang=en`);
          return page.locator('details.confirm').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const confirm = page.locator('details.confirm .confirm-box button');
    expect(await confirm.isVisible()).toBe(false);
    await page.locator('details.confirm summary').click();
    expect(await confirm.isVisible()).toBe(true);
    expect(await page.locator('details.confirm .confirm-box p').textContent()).toContain('cannot be undone');
    await pressAndLoad(page, confirm);
    expect(await page.locator('main [role="status"]').textContent()).toMatch(/^Invalidated signature #\d+: it no longer counts\.$/);
    await page.context().close();
  });
});
