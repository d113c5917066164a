// Readable on a phone, in Chromium: no page scrolls sideways at 320 px wide (public pages,
// the signing flow and the organisers' console, in all three languages), and no text is
// drawn smaller than 12 px at 390 px wide (SVG text measured as drawn, after any scaling;
// the data tables opened). Code and snippets use a monospace font on Chinese pages too.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, hasChromium, LANGS, mainButton, openAdmin, openPage, PLEDGE, pressAndLoad, SLUG, signViaApi, useBrowser } from './browser.ts';

const NARROW = { width: 320, height: 640 };
const PHONE = { width: 390, height: 844 };

const PUBLIC_PAGES = [
  PLEDGE,
  `${PLEDGE}/signatories`,
  `${PLEDGE}/stats`,
  `${PLEDGE}/verify`,
  `${PLEDGE}/endorse`,
  `${PLEDGE}/check-email`,
  `${PLEDGE}/endorse/check-email`,
  `/embed/${SLUG}`,
  '/docs/api',
  '/no-such-page',
];
const CONSOLE_PAGES = [
  '/admin',
  '/admin/endorsements',
  '/admin/signatures',
  '/admin/signatures/bulk',
  '/admin/trending',
  '/admin/pledges',
  '/admin/pledges/new',
  `/admin/pledges/${SLUG}`,
  `/admin/pledges/${SLUG}/preview`,
  '/admin/audit',
];

// What sticks out sideways: the page's scroll width, and the elements past the right edge.
async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !el.closest('.sr-live,.skip,.hp'))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${el.getAttribute('class')!.split(' ').join('.')}` : ''}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: [...new Set(wide)].slice(0, 8) };
  });
}

async function expectNoSideways(page: Page, what: string) {
  const s = await sideways(page);
  expect(s.scrollWidth, `${what} scrolls sideways at ${s.clientWidth} px (${s.scrollWidth} px wide: ${s.wide.join(', ')})`).toBeLessThanOrEqual(s.clientWidth);
}

// Every visible text node with its drawn size: the computed font size, times the scale of
// an SVG's viewBox where the text is inside one. Closed <details> are opened first.
async function smallText(page: Page): Promise<{ texts: number; small: string[] }> {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    const small: string[] = [];
    let texts = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (el.closest('.sr-live,.skip,.hp,noscript')) continue;
      let size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        if (m) size *= Math.hypot(m.a, m.b);
      }
      texts++;
      if (size < 12) small.push(`${el.tagName.toLowerCase()} "${n.textContent.trim().slice(0, 24)}" at ${size.toFixed(1)} px`);
    }
    return { texts, small };
  });
}

async function expectReadable(page: Page, what: string) {
  const { texts, small } = await smallText(page);
  expect(texts, `${what}: some text`).toBeGreaterThan(0);
  expect(small, `${what}: text under 12 px at 390 px wide`).toEqual([]);
}

// Confirms a signature made through the API, as the confirm page's button would.
async function confirmByPost(confirmPath: string) {
  const res = await fetch(`${baseURL()}${confirmPath}`, { method: 'POST', headers: { origin: baseURL(), 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  expect(res.status).toBe(200);
}

describe.skipIf(!hasChromium)('readable on a phone', () => {
  const browser = useBrowser();

  test('the statistics page draws its charts with labels of at least 12 px at 390 px', async () => {
    // Confirmed signatures first, so that (unless this hour's snapshot was taken already)
    // the breakdowns have bars to draw.
    for (let i = 0; i < 6; i++) await confirmByPost((await signViaApi(`phone-${i}`)).confirmPath);
    const page = await openPage(browser(), { viewport: PHONE });
    for (const lang of LANGS) {
      await page.goto(`${PLEDGE}/stats?lang=${lang}`);
      // The hourly series is always drawn (48 columns, zeros included), with its tick labels.
      expect(await page.locator('svg.chart text').count()).toBeGreaterThan(2);
      const labels = await page
        .locator('svg.chart text, .bar-row span')
        .evaluateAll((els) =>
          els.filter((el) => el.textContent?.trim()).map((el) => Number.parseFloat(getComputedStyle(el).fontSize) * ((el as SVGGraphicsElement).getScreenCTM?.()?.a ?? 1)),
        );
      expect(Math.min(...labels), `chart labels, ${lang}`).toBeGreaterThanOrEqual(12);
      await expectReadable(page, `stats, ${lang}`);
    }
    await page.context().close();
  });

  for (const lang of LANGS) {
    test(`public pages and the signing flow fit 320 px and keep text at 12 px or more at 390 px, ${lang}`, async () => {
      for (const viewport of [NARROW, PHONE]) {
        const page = await openPage(browser(), { viewport });
        const check = viewport === NARROW ? expectNoSideways : expectReadable;
        for (const path of PUBLIC_PAGES) {
          await page.goto(`${path}?lang=${lang}`);
          await check(page, path);
        }
        await page.goto(`${PLEDGE}?lang=${lang}`);
        await page.locator('#f-email').fill('not-an-address');
        await pressAndLoad(page, page.locator('#f-submit'));
        await check(page, 'sign form with errors');

        const { confirmPath } = await signViaApi(`phone-flow-${lang}-${viewport.width}`);
        await page.goto(`${confirmPath}?lang=${lang}`);
        await check(page, 'confirm');
        await pressAndLoad(page, mainButton(page));
        await check(page, 'thank-you');
        await page.locator('a[href^="/withdraw/"]').click();
        await page.waitForURL('**/withdraw/**');
        await check(page, 'withdraw');
        await pressAndLoad(page, mainButton(page));
        await check(page, 'withdrawn');
        await page.context().close();
      }
    });

    test(`console pages fit 320 px and keep text at 12 px or more at 390 px, ${lang}`, async () => {
      const signIn = await openPage(browser(), { viewport: NARROW });
      await signIn.goto(`/admin?lang=${lang}`);
      await expectNoSideways(signIn, 'console sign-in');
      await signIn.context().close();
      for (const viewport of [NARROW, PHONE]) {
        const page = await openAdmin(browser(), { viewport });
        const check = viewport === NARROW ? expectNoSideways : expectReadable;
        for (const path of CONSOLE_PAGES) {
          await page.goto(`${path}?lang=${lang}`);
          await check(page, path);
        }
        await page.context().close();
      }
    });
  }

  test('hashes wrap on the verify page; code and snippets are monospace on Chinese pages too', async () => {
    const page = await openPage(browser(), { viewport: NARROW });
    for (const lang of LANGS) {
      await page.goto(`${PLEDGE}/verify?lang=${lang}`);
      const code = page.locator('dd code').first();
      if ((await code.count()) > 0) {
        const box = await code.evaluate((el) => ({
          wrap: getComputedStyle(el).overflowWrap,
          right: el.getBoundingClientRect().right,
          width: document.documentElement.clientWidth,
        }));
        expect(box.wrap).toBe('anywhere');
        expect(box.right).toBeLessThanOrEqual(box.width);
      }
      for (const path of [`${PLEDGE}/verify`, '/docs/api']) {
        await page.goto(`${path}?lang=${lang}`);
        const families = await page.locator('pre code').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontFamily));
        expect(families.length, `${path} has code`).toBeGreaterThan(0);
        for (const f of families) expect(f, `${path}, ${lang}`).toMatch(/^ui-monospace,.*monospace$/);
      }
      // API docs tables scroll in their own box, not the page.
      const tables = await page.locator('main table').evaluateAll((els) => els.map((el) => getComputedStyle(el.parentElement!).overflowX));
      expect(tables.length).toBeGreaterThan(0);
      for (const o of tables) expect(o).toBe('auto');
    }
    await page.context().close();
  });
});
