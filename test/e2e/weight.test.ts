// The pledge page's weight budget: a complete first HTML response of at most 14 KB
// gzip (one round trip), and at most 30 KB for all of the page's resources together.
// The HTTP part runs without a browser; the Chromium part counts what the browser
// really fetched.
import { describe, expect, test } from 'vitest';
import { FIRST_RESPONSE_BUDGET, measurePage, TOTAL_BUDGET } from '../../scripts/page-weight.ts';
import { baseURL, hasChromium, LANGS, openPage, PLEDGE, useBrowser } from './browser.ts';

describe('pledge page weight (HTTP)', () => {
  for (const lang of LANGS) {
    test(`${lang}: first response complete and within 14 KB gzip; all resources within 30 KB`, async () => {
      const w = await measurePage(`${baseURL()}${PLEDGE}?lang=${lang}`);
      console.log(`${lang}: first response ${w.first.raw} B raw, ${w.first.gzip} B gzip; total ${w.totalGzip} B gzip in ${1 + w.resources.length} response(s)`);
      // Complete without any other request: text, totals, sign form, societies, CSS.
      expect(w.html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(w.html).toContain('data-count="individuals"');
      expect(w.html).toContain(`action="${PLEDGE}/sign"`);
      expect(w.html.match(/<ol class="societies">[\s\S]*?<\/ol>/)?.[0].match(/<li>/g)?.length).toBeGreaterThanOrEqual(171);
      expect(w.html).toMatch(/<style[^>]*>[^<]{500,}<\/style>/);
      // Inline CSS is raw text: an HTML-escaped quote would void the font stacks.
      expect(w.html.match(/<style[^>]*>([^<]*)<\/style>/)?.[1]).not.toMatch(/&(quot|#39|amp|lt|gt);/);
      expect(w.html).not.toMatch(/<link[^>]+rel=["']stylesheet/);

      expect(w.first.gzip).toBeLessThanOrEqual(FIRST_RESPONSE_BUDGET);
      expect(w.totalGzip).toBeLessThanOrEqual(TOTAL_BUDGET);
      for (const r of w.resources) expect(r.status, r.url).toBeLessThan(400);
    });
  }
});

describe.skipIf(!hasChromium)('pledge page weight (Chromium)', () => {
  const browser = useBrowser();

  test('everything the browser fetches for the page stays within budget', async () => {
    const page = await openPage(browser());
    const fetched: { url: string; status: number; body: number }[] = [];
    page.on('requestfinished', async (req) => {
      const res = await req.response();
      fetched.push({ url: req.url(), status: res?.status() ?? 0, body: (await req.sizes()).responseBodySize });
    });
    await page.goto(PLEDGE, { waitUntil: 'networkidle' });
    await page.close();
    await expect.poll(() => fetched.some((f) => new URL(f.url).pathname === PLEDGE)).toBe(true);
    console.log(`Chromium fetched: ${fetched.map((f) => `${new URL(f.url).pathname} ${f.status} ${f.body} B`).join(', ')}`);
    // Body bytes as received (compressed as the server chose for Chromium's Accept-Encoding).
    const doc = fetched.find((f) => new URL(f.url).pathname === PLEDGE)!;
    expect(doc.body).toBeGreaterThan(1000);
    expect(doc.body).toBeLessThanOrEqual(FIRST_RESPONSE_BUDGET);
    expect(fetched.reduce((n, f) => n + f.body, 0)).toBeLessThanOrEqual(TOTAL_BUDGET);
    for (const f of fetched) expect(f.status, f.url).toBeLessThan(400);
  });
});
