// The signer's own page (issue 15) in a real browser with JavaScript off: from the mail's
// manage link, change the public listing, correct the name, see a form error, download
// the data, and withdraw; the wall and the total follow. axe finds nothing to fix.
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, test } from 'vitest';
import { apiCounts, baseURL, confirmFromMail, fillSignForm, hasChromium, linkPath, mailTo, openPage, PLEDGE, pressAndLoad, signer, useBrowser } from './browser.ts';

async function onWall(name: string): Promise<boolean> {
  const res = await fetch(`${baseURL()}/api/pledges/cast-2020/signatories?q=${encodeURIComponent(name)}`, { headers: { 'cache-control': 'no-cache' } });
  const body = (await res.json()) as { items: { name: string }[] };
  return body.items.some((i) => i.name === name);
}

describe.skipIf(!hasChromium)('the manage page without JavaScript', () => {
  const browser = useBrowser();

  test('consent, correction, a form error, my data, withdrawal', async () => {
    const page = await openPage(browser(), { javaScriptEnabled: false, acceptDownloads: true });
    await page.goto(`${PLEDGE}?lang=en`);
    const tag = Date.now().toString(36);
    const v = { ...signer('manage'), name: `Manage Tester ${tag}` };
    await fillSignForm(page, v);
    await page.locator('#f-updates').check();
    await Promise.all([page.waitForURL(`**${PLEDGE}/check-email*`), page.locator('#f-submit').click()]);
    await confirmFromMail(page, v.email);
    const counted = (await apiCounts()).individuals;

    const manage = linkPath(await mailTo(v.email), 'manage');
    await page.goto(`${manage}?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Your signature');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(v.name);
    expect(text).not.toContain(v.email);
    expect(text).toMatch(/e\*\*\*@e\*\*\*\.org/);
    // axe runs as a script: in a second page with JavaScript on (GET changes nothing).
    const checker = await openPage(browser());
    await checker.goto(`${manage}?lang=en`);
    const axe = await new AxeBuilder({ page: checker }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await checker.context().close();

    // Listed publicly: not yet; then yes.
    expect(await onWall(v.name)).toBe(false);
    await page.locator('#f-public').check();
    await pressAndLoad(page, page.locator('form[action$="/consent"] button'));
    expect(await page.locator('[role="status"]').textContent()).toContain('Saved');
    expect(await page.locator('#f-public').isChecked()).toBe(true);
    await expect.poll(() => onWall(v.name)).toBe(true);

    // A correction reaches the wall; an empty name is a form error.
    const fixed = `Corrected Tester ${tag}`;
    await page.locator('#f-name').fill(fixed);
    await pressAndLoad(page, page.locator('form[action$="/details"] button'));
    await expect.poll(() => onWall(fixed)).toBe(true);
    expect(await onWall(v.name)).toBe(false);
    await page.locator('#f-name').fill('');
    const bad = await pressAndLoad(page, page.locator('form[action$="/details"] button'));
    expect(bad.status()).toBe(400);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBe('true');
    expect((await apiCounts()).individuals).toBe(counted);

    // My data, as a JSON download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('form[action$="/data"] button').click()]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(data).toMatchObject({ email: v.email, name: fixed, public: true, updates: true, state: 'confirmed' });

    // Withdraw: the total drops by one, the name leaves the wall, the link is dead.
    await page.goto(`${manage}?lang=en`);
    const done = await pressAndLoad(page, page.locator('form[action$="/withdraw"] button'));
    expect(done.status()).toBe(200);
    expect((await apiCounts()).individuals).toBe(counted - 1);
    await expect.poll(() => onWall(fixed)).toBe(false);
    expect((await page.goto(manage))!.status()).toBe(404);
    await page.context().close();
  }, 300_000);
});
