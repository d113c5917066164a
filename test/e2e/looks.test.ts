// Looks: from 320 px phones to desktop, light and dark (following the system), and
// print. Saves screenshots to test-results/screenshots/ (test output, not committed)
// and asserts what can be measured: no sideways scrolling, readable text, the colour
// scheme followed, and print showing the pledge text only.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasChromium, openPage, PLEDGE, pressAndLoad, useBrowser } from './browser.ts';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const SCHEMES = ['light', 'dark'] as const;

// Relative luminance (WCAG) of a computed CSS colour "rgb(r, g, b)".
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function layoutFacts(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const p = document.querySelector('.text p') ?? document.querySelector('main p');
    const ps = p ? getComputedStyle(p) : undefined;
    // Elements sticking out to the right of the viewport (the cause of sideways scrolling).
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && getComputedStyle(el).position !== 'absolute')
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`);
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      wide: wide.slice(0, 10),
      fontSize: ps ? parseFloat(ps.fontSize) : 0,
      lineHeight: ps ? parseFloat(ps.lineHeight) : 0,
      background: getComputedStyle(root).backgroundColor,
      color: getComputedStyle(root).color,
    };
  });
}

// The fonts Chromium really used to draw an element's text (DevTools protocol).
async function usedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

describe.skipIf(!hasChromium)('looks (screenshots in test-results/screenshots/)', () => {
  const browser = useBrowser();
  mkdirSync(SHOTS, { recursive: true });

  for (const colorScheme of SCHEMES) {
    for (const viewport of VIEWPORTS) {
      const size = `${viewport.width}x${viewport.height}`;
      test(`${size} ${colorScheme}: pledge page and form with errors fit, readable, in the system's scheme`, async () => {
        const page = await openPage(browser(), { viewport, colorScheme });
        for (const lang of ['zh-Hans', 'en'] as const) {
          await page.goto(`${PLEDGE}?lang=${lang}`);
          const f = await layoutFacts(page);
          expect(f.wide, `elements wider than ${size}, ${lang}`).toEqual([]);
          expect(f.scrollWidth, `no sideways scrolling at ${size}, ${lang}`).toBeLessThanOrEqual(f.clientWidth);
          expect(f.fontSize).toBeGreaterThanOrEqual(16);
          // Chinese text needs generous leading.
          expect(f.lineHeight / f.fontSize).toBeGreaterThanOrEqual(1.6);
          if (colorScheme === 'dark') {
            expect(luminance(f.background)).toBeLessThan(0.05);
            expect(luminance(f.color)).toBeGreaterThan(0.6);
          } else {
            expect(luminance(f.background)).toBeGreaterThan(0.9);
            expect(luminance(f.color)).toBeLessThan(0.05);
          }
          // Sans-serif system fonts in both scripts, never a fallback to a serif face.
          for (const sel of ['h1', '.text p', 'label']) {
            const fonts = await usedFonts(page, sel);
            expect(fonts.length, `${sel} drawn with some font`).toBeGreaterThan(0);
            expect(
              fonts.filter((name) => /serif/i.test(name) && !/sans/i.test(name)),
              `${sel} fonts: ${fonts.join(', ')}`,
            ).toEqual([]);
          }
          await page.screenshot({ path: `${SHOTS}pledge-${lang}-${size}-${colorScheme}.png` });
          await page.screenshot({ path: `${SHOTS}pledge-${lang}-${size}-${colorScheme}-full.png`, fullPage: true });
        }

        await page.goto(`${PLEDGE}?lang=zh-Hant`);
        await page.locator('#f-name').fill('王小明');
        await page.locator('#f-email').fill('wang@');
        await pressAndLoad(page, page.locator('#f-submit'));
        const f = await layoutFacts(page);
        expect(f.wide, `elements wider than ${size}, form with errors`).toEqual([]);
        await page.locator('#sign').screenshot({ path: `${SHOTS}form-errors-zh-Hant-${size}-${colorScheme}.png` });
        await page.context().close();
      });
    }
  }

  for (const colorScheme of SCHEMES) {
    test(`print (${colorScheme} system scheme): black text on white, the pledge text and societies only`, async () => {
      const page = await openPage(browser(), { viewport: { width: 800, height: 1000 }, colorScheme });
      await page.goto(`${PLEDGE}?lang=zh-Hans`);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['header.site', 'footer', 'form', '.totals', 'nav.langs']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      for (const shown of ['h1', '.text', '.societies']) expect(await page.locator(shown).first().isVisible(), shown).toBe(true);
      const f = await layoutFacts(page);
      expect(luminance(f.background)).toBeGreaterThan(0.9);
      expect(luminance(f.color)).toBeLessThan(0.05);
      const headingColour = await page
        .locator('h2')
        .first()
        .evaluate((el) => getComputedStyle(el).color);
      expect(luminance(headingColour)).toBeLessThan(0.05);
      await page.screenshot({ path: `${SHOTS}pledge-print-${colorScheme}.png`, fullPage: true });
      await page.context().close();
    });
  }
});
