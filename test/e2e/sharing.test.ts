// Sharing in Chromium: the pledge page's share links and meta tags in each language, the
// share image served as a 1200x630 PNG (and a generic one for a pledge the build did not
// know), the Web Share and copy buttons added by web/share.js where the browser has them,
// and the thank-you page leading with the live total and sharing, withdrawal last.
import { describe, expect, test } from 'vitest';
import { baseURL, hasChromium, LANGS, mainButton, openAdmin, openPage, PLEDGE, pressAndLoad, SLUG, signViaApi, useBrowser } from './browser.ts';

const OG_LOCALE = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', en: 'en_GB' } as const;

// Width and height from a PNG's IHDR chunk, after checking the signature.
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8)), 'PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16)), 'first chunk').toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function fetchPng(url: string) {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type'), url).toMatch(/^image\/png/);
  return new Uint8Array(await res.arrayBuffer());
}

describe.skipIf(!hasChromium)('sharing', () => {
  const browser = useBrowser();

  for (const lang of LANGS) {
    test(`meta tags and share links of the pledge page, ${lang}`, async () => {
      const page = await openPage(browser());
      await page.goto(`${PLEDGE}?lang=${lang}`);
      const origin = baseURL();
      const own = `${origin}${PLEDGE}?lang=${lang}`;
      const title = (await page.locator('h1').textContent())!.trim();
      const meta = (sel: string) => page.locator(`head meta[${sel}]`).getAttribute('content');

      expect(await page.locator('head link[rel="canonical"]').getAttribute('href')).toBe(own);
      const alternates = await page.locator('head link[rel="alternate"][hreflang]').evaluateAll((els) => els.map((el) => [el.getAttribute('hreflang'), el.getAttribute('href')]));
      expect(alternates).toEqual([...LANGS.map((l) => [l, `${origin}${PLEDGE}?lang=${l}`]), ['x-default', `${origin}${PLEDGE}`]]);
      expect(await meta('property="og:url"')).toBe(own);
      expect(await meta('property="og:title"')).toBe(title);
      expect(await meta('property="og:locale"')).toBe(OG_LOCALE[lang]);
      const others = await page.locator('head meta[property="og:locale:alternate"]').evaluateAll((els) => els.map((el) => el.getAttribute('content')));
      expect(others.sort()).toEqual(
        LANGS.filter((l) => l !== lang)
          .map((l) => OG_LOCALE[l])
          .sort(),
      );
      expect(await meta('name="twitter:card"')).toBe('summary_large_image');
      const image = await meta('property="og:image"');
      expect(image).toBe(`${origin}/og/${SLUG}.${lang}.png`);
      expect(await meta('name="twitter:image"')).toBe(image);
      expect(await meta('property="og:image:width"')).toBe('1200');
      expect(await meta('property="og:image:height"')).toBe('630');

      // The image itself: a 1200x630 PNG, a different one per language.
      expect(pngSize(await fetchPng(image!))).toEqual({ width: 1200, height: 630 });

      // Share links rendered on the server, to the page's own address in its language.
      const share = page.locator('section.share');
      const href = (to: string) => share.locator(`a[data-share-to="${to}"]`).getAttribute('href');
      const weibo = new URL((await href('weibo'))!);
      expect(weibo.origin).toBe('https://service.weibo.com');
      expect(weibo.searchParams.get('url')).toBe(own);
      expect(weibo.searchParams.get('title')).toBe(title);
      const x = new URL((await href('x'))!);
      expect(x.origin).toBe('https://x.com');
      expect(x.searchParams.get('url')).toBe(own);
      expect(x.searchParams.get('text')).toBe(title);
      const mail = (await href('email'))!;
      expect(mail).toMatch(/^mailto:\?subject=/);
      expect(mail).not.toContain('+');
      expect(decodeURIComponent(mail)).toContain(own);
      expect(await share.locator('img.qr').getAttribute('src')).toBe(`${PLEDGE}/qr.svg`);
      expect(await share.locator('.share-url a').getAttribute('href')).toBe(own);
      // No script from another site on the page.
      const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).src));
      for (const src of scripts) expect(new URL(src).origin).toBe(origin);
      await page.context().close();
    });
  }

  test('the share image of a pledge made in the console is the generic one until the next build', async () => {
    const slug = `og-e2e-${Date.now().toString(36)}`;
    const admin = await openAdmin(browser());
    await admin.goto('/admin/pledges/new?lang=en');
    const form = admin.locator('main form').last();
    await form.locator('[name="slug"]').fill(slug);
    await form.locator('[name="status"]').selectOption('open');
    await form.locator('[name="defaultLang"]').selectOption('en');
    await form.locator('[name="title.en"]').fill('E2E share image pledge');
    await form.locator('[name="body.en"]').fill('A pledge made in the console after the build.');
    await pressAndLoad(admin, form.locator('[type="submit"]').last());
    await admin.context().close();
    const created = await fetch(`${baseURL()}/p/${slug}?lang=en`);
    expect(created.status, 'published from the console').toBe(200);
    const html = await created.text();
    expect(html).toContain(`<meta property="og:image" content="${baseURL()}/og/${slug}.en.png"/>`);
    const own = await fetchPng(`${baseURL()}/og/${slug}.en.png`);
    const generic = await fetchPng(`${baseURL()}/og/_site.en.png`);
    expect(pngSize(own)).toEqual({ width: 1200, height: 630 });
    expect(own).toEqual(generic);
    for (const lang of LANGS) expect(pngSize(await fetchPng(`${baseURL()}/og/_site.${lang}.png`))).toEqual({ width: 1200, height: 630 });
    // No image for a pledge that does not exist.
    expect((await fetch(`${baseURL()}/og/no-such-pledge.en.png`)).status).toBe(404);
  });

  test('web/share.js shows the share and copy buttons where the browser has them', async () => {
    // Without the Web Share API (desktop Chromium on Linux) the share button stays hidden.
    const plain = await openPage(browser());
    await plain.goto(`${PLEDGE}?lang=en`);
    const hasShare = await plain.evaluate(() => typeof navigator.share === 'function');
    expect(await plain.locator('button[data-share]').isVisible()).toBe(hasShare);
    await plain.context().close();

    // With it (as on phones; stubbed here: the system share sheet cannot open headless),
    // the button opens it with the pledge's title and address.
    const page = await openPage(browser(), { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.addInitScript(() => {
      const w = window as unknown as { shared: unknown[] };
      w.shared = [];
      Object.defineProperty(navigator, 'share', { value: async (data: unknown) => void w.shared.push(data), configurable: true });
    });
    await page.goto(`${PLEDGE}?lang=zh-Hant`);
    const own = `${baseURL()}${PLEDGE}?lang=zh-Hant`;
    const button = page.locator('button[data-share]');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const shared = await page.evaluate(() => (window as unknown as { shared: { title: string; url: string }[] }).shared);
    expect(shared).toEqual([{ title: (await page.locator('h1').textContent())!.trim(), url: own }]);

    // Copy link: the address goes to the clipboard and the page says so.
    const copy = page.locator('button[data-copy]');
    await expect.poll(() => copy.isVisible()).toBe(true);
    await copy.click();
    await expect.poll(() => page.locator('[data-share-status]').textContent()).toBe('連結已複製。');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(own);
    await page.context().close();
  });

  test('the thank-you page leads with the live total and sharing; withdrawal is offered last', async () => {
    const page = await openPage(browser());
    const { confirmPath } = await signViaApi('share-thanks');
    await page.goto(`${confirmPath}?lang=en`);
    await pressAndLoad(page, mainButton(page));
    // The signature just confirmed is in the total shown.
    const counts = (await (await fetch(`${baseURL()}/api/pledges/${SLUG}/counts`)).json()) as { individuals: number };
    const shown = Number(((await page.locator('[data-count="individuals"]').textContent()) ?? '').replace(/\D/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(counts.individuals);
    // In page order: heading, total, share section, receipt, then the withdrawal link.
    const order = await page.evaluate(() => {
      const at = (sel: string) => {
        const el = document.querySelector(sel);
        return el ? Array.from(document.querySelectorAll('main *')).indexOf(el) : -1;
      };
      return { h1: at('main h1'), total: at('[data-count="individuals"]'), share: at('section.share'), receipt: at('#receipt-heading'), withdraw: at('a[href^="/withdraw/"]') };
    });
    expect(order.h1).toBeGreaterThanOrEqual(0);
    expect(order.total).toBeGreaterThan(order.h1);
    expect(order.share).toBeGreaterThan(order.total);
    expect(order.receipt).toBeGreaterThan(order.share);
    expect(order.withdraw).toBeGreaterThan(order.receipt);
    // Share links carry the pledge's address, never the token page's.
    const share = page.locator('section.share');
    for (const a of await share.locator('a').evaluateAll((els) => els.map((el) => (el as HTMLAnchorElement).href))) expect(a).not.toContain('/confirm/');
    expect(await share.locator('.share-url a').getAttribute('href')).toBe(`${baseURL()}${PLEDGE}?lang=en`);
    expect(await share.getAttribute('data-url')).toBe(`${baseURL()}${PLEDGE}?lang=en`);
    // The live script is on the page, keeping the total fresh.
    expect(await page.locator('script[src="/live.js"]').count()).toBe(1);
    await page.context().close();
  });
});
