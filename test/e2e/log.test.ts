// The public log in Chromium: the thank-you page offers the receipt, the file downloads,
// and the verify page checks the log and the receipt with WebCrypto, including the
// quorum of the site's witnesses (two real witness Workers, test/e2e/global-setup.ts);
// without JavaScript the page still shows the latest checkpoint. Accessibility as elsewhere.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { hasChromium, mainButton, openPage, PLEDGE, pressAndLoad, signViaApi, useBrowser } from './browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'pledge-receipt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(' ')}`));
}

describe.skipIf(!hasChromium)('verifiable counts in Chromium', () => {
  const browser = useBrowser();

  test('confirm, download the receipt, check it on the verify page', async () => {
    const page = await openPage(browser(), { acceptDownloads: true });
    const { confirmPath } = await signViaApi('receipt');
    await page.goto(`${confirmPath}?lang=en`);
    await pressAndLoad(page, mainButton(page));
    await expect.poll(() => page.locator('#receipt-heading').textContent()).toBe('Your receipt');
    expect(await violations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download my receipt/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^receipt-cast-2020-\d+\.json$/);
    const file = join(dir, 'receipt.json');
    await download.saveAs(file);
    const receipt = JSON.parse(readFileSync(file, 'utf8')) as { entry: { seq: number } };
    expect(receipt.entry.seq).toBeGreaterThanOrEqual(0);

    await Promise.all([page.waitForURL(`**${PLEDGE}/verify*`), page.getByRole('link', { name: 'Check the totals yourself' }).click()]);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await violations(page)).toEqual([]);
    }
    await page.locator('#receipt').setInputFiles(file);
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => page.locator('#log-verify-result').textContent(), { timeout: 30_000 }).toContain('All checks passed.');
    expect(await page.locator('#log-verify-result').textContent()).toContain('counted in the current totals');
    expect(await page.locator('#log-verify-result').textContent()).toContain('cosigned by at least 2 of the site’s 2 witnesses');
    await page.context().close();
  });

  test('the verify page requires the witness quorum: a checkpoint without it fails, and says why', async () => {
    const page = await openPage(browser(), { acceptDownloads: true });
    const { confirmPath } = await signViaApi('quorum');
    await page.goto(`${confirmPath}?lang=en`);
    await pressAndLoad(page, mainButton(page));
    await expect.poll(() => page.locator('#receipt-heading').textContent()).toBe('Your receipt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download my receipt/ }).click()]);
    const file = join(dir, 'quorum.json');
    await download.saveAs(file);
    await page.goto(`${PLEDGE}/verify?lang=en`);
    // The page carries the site's witnesses (LOG_WITNESSES) and quorum for its script.
    const form = page.locator('#log-verify');
    expect(JSON.parse((await form.getAttribute('data-witnesses')) ?? '[]')).toEqual(inject('witnesses').map((w) => w.vkey));
    expect(await form.getAttribute('data-quorum')).toBe('2');

    // A server that shows this browser a checkpoint its witnesses did not cosign (a split
    // view): the note keeps only the log's own signature.
    let stripped = 0;
    await page.route('**/log/cast-2020/checkpoint', async (route) => {
      const res = await route.fetch();
      const text = await res.text();
      const cut = text.indexOf('\n\n') + 2;
      const own = text.slice(cut).split('\n')[0];
      stripped +=
        text
          .slice(cut)
          .split('\n')
          .filter((l) => l.startsWith('\u2014 ')).length - 1;
      await route.fulfill({ response: res, body: `${text.slice(0, cut)}${own}\n` });
    });
    await page.locator('#receipt').setInputFiles(file);
    await page.getByRole('button', { name: 'Check now' }).click();
    const result = page.locator('#log-verify-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('A check failed:');
    expect(stripped).toBe(2);
    expect(await result.textContent()).toMatch(/^The checkpoint is not cosigned by enough witnesses \(at least 2 of the site’s 2 are required\)/);
    expect(await result.textContent()).toContain('cosigned by at least 2 of 2 known witnesses (0 valid witness cosignature(s)');
    expect(await result.textContent()).not.toContain('All checks passed.');

    // The same page and receipt, the witnesses' cosignatures left in: the check passes.
    await page.unroute('**/log/cast-2020/checkpoint');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('All checks passed.');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('without JavaScript the verify page shows the latest checkpoint and how to check it', async () => {
    const page = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${PLEDGE}/verify?lang=zh-Hans`);
    expect(await page.locator('h1').textContent()).toBe('核查总数');
    expect(await page.locator('dl dd code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#log-verify').isHidden()).toBe(true);
    expect(await page.locator('pre code').textContent()).toContain('npm run verify -- receipt.json --server');
    await page.context().close();
  });
});
