// axe-core in Chromium: no violations of the WCAG 2.1 A and AA rules on any page, in
// light and dark colour schemes.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasChromium, LANGS, mainButton, openAdmin, openPage, PLEDGE, pressAndLoad, signViaApi, useBrowser } from './browser.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'] as const;

// One line per violation and element, so a failure says what to fix and where.
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const browser = useBrowser();

  for (const colorScheme of SCHEMES) {
    describe(`${colorScheme} scheme`, () => {
      for (const lang of LANGS) {
        test(`pledge page, ${lang}`, async () => {
          const page = await openPage(browser(), { colorScheme });
          await page.goto(`${PLEDGE}?lang=${lang}`);
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          expect(await violations(page)).toEqual([]);
          await page.context().close();
        });

        test(`sign form with errors, ${lang}`, async () => {
          const page = await openPage(browser(), { colorScheme });
          await page.goto(`${PLEDGE}?lang=${lang}`);
          await page.locator('#f-email').fill('not-an-address');
          await pressAndLoad(page, page.locator('#f-submit'));
          expect(await page.locator('.error-summary a').count()).toBeGreaterThan(0);
          expect(await violations(page)).toEqual([]);
          await page.context().close();
        });
      }

      test('check-email, confirm, thank-you, withdraw and withdrawn pages', async () => {
        const page = await openPage(browser(), { colorScheme });
        await page.goto(`${PLEDGE}/check-email`);
        expect(await violations(page), 'check-email').toEqual([]);

        const { confirmPath } = await signViaApi(`a11y-${colorScheme}`);
        await page.goto(confirmPath);
        expect(await violations(page), 'confirm').toEqual([]);
        await pressAndLoad(page, mainButton(page));
        expect(await page.locator('a[href^="/withdraw/"]').count()).toBe(1);
        expect(await violations(page), 'thank-you').toEqual([]);

        await page.locator('a[href^="/withdraw/"]').click();
        await page.waitForURL('**/withdraw/**');
        expect(await violations(page), 'withdraw').toEqual([]);
        await pressAndLoad(page, mainButton(page));
        expect(await violations(page), 'withdrawn').toEqual([]);

        await page.goto('/no-such-page');
        expect(await violations(page), 'not found').toEqual([]);
        await page.context().close();
      });

      test('endorse page', async () => {
        const page = await openPage(browser(), { colorScheme });
        for (const lang of LANGS) {
          await page.goto(`${PLEDGE}/endorse?lang=${lang}`);
          expect(await violations(page), `endorse, ${lang}`).toEqual([]);
        }
        // The same form sent empty: errors shown.
        await pressAndLoad(page, page.locator('main form [type="submit"]').last());
        expect(await violations(page), 'endorse with errors').toEqual([]);
        await page.context().close();
      });

      test('admin console', async () => {
        const signIn = await openPage(browser(), { colorScheme });
        await signIn.goto('/admin');
        expect(await violations(signIn), '/admin without a token').toEqual([]);
        await signIn.context().close();

        const page = await openAdmin(browser(), { colorScheme });
        expect(await violations(page), '/admin').toEqual([]);
        await page.context().close();
      });
    });
  }
});
