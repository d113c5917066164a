import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { postAdminForm, seedSignatures, sessionCookie } from '../support/admin.ts';
import { ORIGIN, postJson, request } from '../support/app.ts';
import { linkTokenFrom } from '../support/mail.ts';
import { counts } from '../support/signers.ts';

const page = async (path: string, cookie: string) => {
  const res = await request(path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('organisers’ console (no JavaScript)', () => {
  it('verifies a confirmed society from the queue with a form post, and the total rises', async () => {
    const cookie = await sessionCookie('Console Tester');
    await postJson(
      '/api/pledges/cast-2020/endorsements',
      { name: '中国控制台测试学会', website: 'console-test.org.cn', category: 'other', contactName: '赵', contactRole: '秘书', email: 'z@console-test.org.cn' },
      { 'cf-connecting-ip': '10.7.0.1' },
    );
    await request(`/endorse/confirm/${await linkTokenFrom('z@console-test.org.cn', '/endorse/confirm/')}`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const html = await page('/admin/endorsements?state=pending&lang=en', cookie);
    const id = /#(\d+) 中国控制台测试学会/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain('email domain matches the website');
    expect(html).toContain(`action="/admin/endorsements/${id}/verify"`);

    const before = (await counts()).societies;
    const res = await postAdminForm(`/admin/endorsements/${id}/verify`, { back: '/admin/endorsements?state=pending' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/endorsements?state=pending&notice=done');
    expect((await counts()).societies).toBe(before + 1);
    const audit = await env.DB.prepare(`SELECT actor FROM audit_log WHERE action = 'endorsement.verify' AND target = ?1`).bind(`endorsement:${id}`).first();
    expect(audit).toEqual({ actor: 'Console Tester' });
  });

  it('previews a bulk invalidation, then runs it for exactly the previewed rows', async () => {
    const cookie = await sessionCookie();
    const ipHash = '9a'.repeat(16);
    await seedSignatures('cast-2020', [...Array.from({ length: 4 }, () => ({ state: 'confirmed', ipHash })), { state: 'pending', ipHash }]);
    const preview = await postAdminForm('/admin/signatures/bulk/preview?lang=en', { pledge: 'cast-2020', ipHash, emailDomain: '', from: '', to: '' }, cookie);
    const html = await preview.text();
    expect(html).toContain('5 signatures match: 4 confirmed (counted), 1 pending, 0 held. Invalidating them lowers the total by 4.');
    expect(html).toContain('name="expected" value="5"');

    const before = (await counts()).individuals;
    // Another matching signature arrives between preview and run: the run is refused.
    await seedSignatures('cast-2020', [{ state: 'confirmed', ipHash }]);
    const stale = await postAdminForm('/admin/signatures/bulk?lang=en', { pledge: 'cast-2020', ipHash, expected: '5' }, cookie);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('6 signatures match: 5 confirmed');
    expect((await counts()).individuals).toBe(before + 1);

    const run = await postAdminForm('/admin/signatures/bulk?lang=en', { pledge: 'cast-2020', ipHash, expected: '6' }, cookie);
    expect(run.status).toBe(200);
    expect(await run.text()).toContain('Invalidated 6 signatures.');
    expect((await counts()).individuals).toBe(before + 1 - 5);
  });

  it('shows the empty-filter error on the bulk form', async () => {
    const res = await postAdminForm('/admin/signatures/bulk/preview?lang=en', { pledge: 'cast-2020' }, await sessionCookie());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Give an IP hash, an email domain or a date range');
  });

  it('searches signatures and acts on one from the results', async () => {
    const cookie = await sessionCookie();
    await seedSignatures('cast-2020', [{ state: 'held', name: 'Console Held Person', affiliation: 'Held Institute' }]);
    const html = await page('/admin/signatures?q=Console+Held&lang=en', cookie);
    const id = /action="\/admin\/signatures\/(\d+)\/release"/.exec(html)?.[1];
    expect(id).toBeDefined();
    const res = await postAdminForm(`/admin/signatures/${id}/release`, { back: '/admin/signatures?q=Console+Held' }, cookie);
    expect(res.headers.get('location')).toBe(`/admin/signatures?q=Console+Held&notice=release&ref=${id}`);
    const row = await env.DB.prepare('SELECT state FROM signatures WHERE id = ?1').bind(Number(id)).first();
    expect(row).toEqual({ state: 'pending' });
  });

  it('creates a draft pledge with the form, previews it privately, and opens it', async () => {
    const cookie = await sessionCookie();
    const fields = {
      slug: 'console-pledge',
      status: 'draft',
      goal: '500',
      opensAt: '',
      closesAt: '',
      defaultLang: 'en',
      'title.en': 'Console Pledge',
      'subtitle.en': '',
      'body.en': 'One paragraph.\n\n## A heading',
      'societiesHeading.en': '',
    };
    const bad = await postAdminForm('/admin/pledges?lang=en', { ...fields, slug: 'No Good', goal: 'many' }, cookie);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('class="error-summary"');
    expect(badHtml).toContain('value="Console Pledge"');

    const res = await postAdminForm('/admin/pledges', fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/pledges/console-pledge?notice=done');
    expect((await request('/p/console-pledge')).status).toBe(404);
    const preview = await page('/admin/pledges/console-pledge/preview', cookie);
    expect(preview).toContain('<h1>Console Pledge</h1>');
    expect((await request('/admin/pledges/console-pledge/preview')).status).toBe(303);

    const edit = await page('/admin/pledges/console-pledge?lang=en', cookie);
    expect(edit).toContain('Text versions');
    const opened = await postAdminForm('/admin/pledges/console-pledge', { ...fields, status: 'open' }, cookie);
    expect(opened.status).toBe(303);
    expect((await request('/p/console-pledge')).status).toBe(200);
    const versions = await env.DB.prepare(`SELECT count(*) AS n FROM pledge_texts t JOIN pledges p ON p.id = t.pledge_id WHERE p.slug = 'console-pledge'`).first();
    expect(versions).toEqual({ n: 1 });
  });

  it('serves the overview, trending, audit and CSV exports to a logged-in organiser', async () => {
    const cookie = await sessionCookie();
    expect(await page('/admin?lang=en', cookie)).toContain('Awaiting verification');
    expect(await page('/admin/trending?lang=en', cookie)).toContain('in the last hour');
    expect(await page('/admin/audit?lang=en', cookie)).toContain('Audit log');
    const csv = await request('/admin/export/endorsements.csv', { headers: { cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('中国数学会');
  });
});
