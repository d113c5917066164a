import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { postAdminForm, seedSignatures, sessionCookie } from '../support/admin.ts';
import { request } from '../support/app.ts';

const page = async (path: string, cookie: string) => {
  const res = await request(path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
};

// Issue 18: a console that prevents mistakes and says what it did.
describe('organisers’ console: confirmations, notices, words', () => {
  it('asks before invalidating one signature, next to hide/show, and says what happened', async () => {
    const cookie = await sessionCookie();
    await seedSignatures('cast-2020', [{ state: 'confirmed', name: 'Safety Check Person', affiliation: 'Careful Institute' }]);
    const html = await page('/admin/signatures?q=Safety+Check&lang=en', cookie);
    const id = /action="\/admin\/signatures\/(\d+)\/hide"/.exec(html)?.[1];
    expect(id).toBeDefined();
    // The column is the signer's name, not the organiser's ("Your name").
    expect(html).toContain('<th>Name</th>');
    expect(html).not.toContain('<th>Your name</th>');
    // Hide is one reversible click; invalidate is behind a <details> confirmation, drawn as dangerous.
    expect(html).toMatch(/<details class="confirm"><summary class="button danger-outline">Invalidate<\/summary><div class="confirm-box"><p>This cannot be undone/);
    expect(html).toContain(`<button type="submit" class="danger">Yes, invalidate #${id}</button>`);
    const hidden = await postAdminForm(`/admin/signatures/${id}/hide`, { back: '/admin/signatures?q=Safety+Check&lang=en' }, cookie);
    expect(hidden.headers.get('location')).toBe(`/admin/signatures?q=Safety+Check&lang=en&notice=hide&ref=${id}`);
    expect(await page(hidden.headers.get('location')!, cookie)).toContain(`Signature #${id} is hidden from the public list`);
    const gone = await postAdminForm(`/admin/signatures/${id}/invalidate`, { back: '/admin/signatures?q=Safety+Check&lang=en' }, cookie);
    const after = await page(gone.headers.get('location')!, cookie);
    expect(after).toContain(`Invalidated signature #${id}: it no longer counts.`);
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE id = ?1').bind(Number(id)).first('state')).toBe('invalidated');
  });

  it('translates states and audit actions in the Chinese console', async () => {
    const cookie = await sessionCookie();
    await seedSignatures('cast-2020', [{ state: 'held', name: '状态翻译测试' }]);
    const html = await page('/admin/signatures?q=状态翻译测试', cookie);
    // The state, then (issue 16) the verification level on its own line.
    expect(html).toContain('<td>暂扣<br/><span data-level=');
    expect(html).toContain('<th>姓名</th>');
    expect(html).toContain('<option value="confirmed">已确认</option>');
    const id = /action="\/admin\/signatures\/(\d+)\/release"/.exec(html)?.[1];
    await postAdminForm(`/admin/signatures/${id}/release`, { back: '/admin/signatures' }, cookie);
    const audit = await page('/admin/audit', cookie);
    expect(audit).toContain('放行暂扣的签名<br/><span class="mono">signature.release</span>');
  });

  it('shows sample rows before a bulk invalidation opened from the trending view', async () => {
    const cookie = await sessionCookie();
    const ipHash = '7b'.repeat(16);
    await seedSignatures('cast-2020', [
      { state: 'confirmed', ipHash, name: 'Sample Row One' },
      { state: 'pending', ipHash, name: 'Sample Row Two' },
    ]);
    const html = await page(`/admin/signatures/bulk?ipHash=${ipHash}&lang=en`, cookie);
    expect(html).toContain('2 signatures match: 1 confirmed (counted), 1 pending, 0 held.');
    expect(html).toContain('Sample of the matching signatures (up to 2)');
    expect(html).toContain('Sample Row One');
    expect(html).toContain('Sample Row Two');
    expect(html).toContain('This cannot be undone. Check the sample below first.');
    expect(html).toContain('class="danger">Invalidate 2 signatures</button>');
    // Opening the page changed nothing.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE ip_hash = ?1 AND state = 'invalidated'").bind(ipHash).first('n')).toBe(0);
  });

  it('gives an empty slug its own field error, and the title says there is an error', async () => {
    const cookie = await sessionCookie();
    const res = await postAdminForm(
      '/admin/pledges?lang=en',
      { slug: '', status: 'draft', goal: '', opensAt: '', closesAt: '', defaultLang: 'en', 'title.en': 'No Slug Yet', 'body.en': 'Text.' },
      cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error: New pledge · Organisers’ console</title>');
    expect(html).toContain('<a href="#f-slug">Required</a>');
    expect(html).toContain('<span class="error-message" id="f-slug-error">Required</span>');
    expect(html).toMatch(/<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus="">/);
  });
});
