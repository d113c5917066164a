// A society's co-signature (endorsement) in a real browser: the society fills the
// endorse form, and it counts only after an organiser verifies it at /admin.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, hasChromium, mainButton, openAdmin, openPage, PLEDGE, pressAndLoad, shownCount, uniqueEmail, useBrowser } from './browser.ts';

type Mail = { to: string; text: string };

// Fills the fields of a form by their name attribute, where the form has them; a
// <select> gets its first real option, required checkboxes are ticked.
async function fillByName(page: Page, values: Record<string, string>) {
  const form = page.locator('main form').last();
  for (const [name, value] of Object.entries(values)) {
    const field = form.locator(`[name="${name}"]`);
    if ((await field.count()) === 0) continue;
    const tag = await field.first().evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') {
      const options = await field
        .first()
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      await field.first().selectOption(options[0]!);
    } else {
      await field.first().fill(value);
    }
  }
  for (const box of await form.locator('input[type="checkbox"][required]').all()) await box.check();
}

// A mail to this address, if one arrives within a few seconds (societies may or may not
// be asked to confirm their address, depending on how endorsements are built).
async function maybeMailTo(email: string): Promise<Mail | undefined> {
  for (let i = 0; i < 20; i++) {
    const mails = (await (await fetch(`${baseURL()}/dev/outbox?limit=1000`)).json()) as Mail[];
    const mail = mails.find((m) => m.to === email);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

describe.skipIf(!hasChromium)('society endorsement through organiser verification', () => {
  const browser = useBrowser();

  test('a society endorses; it counts and is listed only after an organiser verifies it at /admin', async () => {
    // No space after the Chinese: the app compacts spaces next to Han characters in society names.
    const society = `端到端测试学会${Date.now().toString(36)}`;
    const email = uniqueEmail('society');

    const page = await openPage(browser());
    await page.goto(`${PLEDGE}?lang=zh-Hans`);
    const before = await shownCount(page, 'societies');
    // The pledge page links to the endorse form.
    await Promise.all([page.waitForURL(`**${PLEDGE}/endorse**`), page.locator(`a[href^="${PLEDGE}/endorse"]`).first().click()]);
    await fillByName(page, {
      name: society,
      nameEn: `E2E Test Society ${Date.now().toString(36)}`,
      website: 'https://society.example.org',
      category: '',
      contactName: '王秘书长',
      contactRole: '秘书长',
      email,
      statement: '我们支持这份倡议。',
    });
    const sent = await pressAndLoad(page, page.locator('main form [type="submit"]').last());
    expect(
      sent.status(),
      (await page
        .locator('.error-summary')
        .textContent()
        .catch(() => null)) ?? '',
    ).toBeLessThan(400);
    expect(await page.locator('.error-summary').count()).toBe(0);

    // If the society is asked to confirm its address, it does.
    const mail = await maybeMailTo(email);
    const link = mail?.text.match(/https?:\/\/[^\s/]+(\/[^\s]*[A-Za-z0-9_-]{16,}[^\s]*)/)?.[1];
    if (link) {
      await page.goto(link);
      if ((await mainButton(page).count()) === 1) await pressAndLoad(page, mainButton(page));
    }

    // Pending: neither counted nor listed.
    await page.goto(`${PLEDGE}?lang=zh-Hans`);
    expect(await shownCount(page, 'societies')).toBe(before);
    expect(await page.locator('.societies li', { hasText: society }).count()).toBe(0);

    // The organiser verifies it in the console.
    const admin = await openAdmin(browser());
    // The queue of endorsements awaiting an organiser.
    await admin.goto('/admin/endorsements?state=pending');
    const item = admin.locator('tr, li, article, section, form').filter({ hasText: society }).last();
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const verify = item
      .locator('button, input[type="submit"]')
      .filter({ hasText: /verify|approve|核实|核實|验证|驗證|通过|通過/i })
      .first();
    const res = await pressAndLoad(admin, verify);
    expect(res.status()).toBeLessThan(400);
    await admin.context().close();

    // The public page may be kept for up to 5 s (Cache-Control max-age=5): the live count
    // moves at once, the list with the next copy of the page.
    await page.goto(`${PLEDGE}?lang=zh-Hans`);
    expect(await shownCount(page, 'societies')).toBe(before + 1);
    await expect
      .poll(
        async () => {
          await page.goto(`${PLEDGE}?lang=zh-Hans`);
          return page.locator('.societies li', { hasText: society }).count();
        },
        { timeout: 20_000, interval: 1500 },
      )
      .toBe(1);
    await page.context().close();
  });
});
