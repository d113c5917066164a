import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';
import { json, postJson, request } from '../support/app.ts';
import { lastMailTo, linkTokenFrom } from '../support/mail.ts';

const ORIGIN = 'http://localhost:8787';
let ipCounter = 0;
const ip = () => `198.51.100.${++ipCounter}`;

const body = (over: Record<string, unknown> = {}) => ({
  name: '中国测试新材料学会',
  website: 'https://www.test-materials.org.cn/',
  category: 'engineering',
  contactName: '王芳',
  contactRole: '秘书长',
  email: 'wang@test-materials.org.cn',
  ...over,
});

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': ip(), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function endorsementRow(email: string) {
  return env.DB.prepare(
    `SELECT e.id, e.state, e.society_id AS societyId, s.name_hans AS nameHans, s.name_hant AS nameHant, s.website_host AS host
       FROM endorsements e JOIN societies s ON s.id = e.society_id WHERE e.contact_email = ?1`,
  )
    .bind(email)
    .first<{ id: number; state: string; societyId: number; nameHans: string; nameHant: string; host: string }>();
}

describe('endorsement submission', () => {
  it('accepts a new society as pending, in both scripts, and mails the contact a confirm link', async () => {
    const res = await postJson('/api/pledges/cast-2020/endorsements', body(), { 'cf-connecting-ip': ip() });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending' });
    const row = await endorsementRow('wang@test-materials.org.cn');
    // The website stays on the submission until an organiser verifies it.
    expect(row).toMatchObject({ state: 'pending', nameHans: '中国测试新材料学会', nameHant: '中國測試新材料學會', host: null });
    const mail = await lastMailTo('wang@test-materials.org.cn');
    expect(mail?.text).toMatch(/http:\/\/localhost:8787\/endorse\/confirm\/[A-Za-z0-9_-]{43}/);
  });

  it('confirms only by POST: GET shows a button and changes nothing', async () => {
    await postJson('/api/pledges/cast-2020/endorsements', body({ name: 'Society of Test Confirmation', website: 'confirm.example.org', email: 'sec@confirm.example.org' }), {
      'cf-connecting-ip': ip(),
    });
    const token = await linkTokenFrom('sec@confirm.example.org', '/endorse/confirm/');
    const page = await request(`/endorse/confirm/${token}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain(`<form method="post" action="/endorse/confirm/${token}">`);
    expect((await endorsementRow('sec@confirm.example.org'))?.state).toBe('pending');

    const done = await request(`/endorse/confirm/${token}?lang=en`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Confirmed, awaiting verification');
    expect((await endorsementRow('sec@confirm.example.org'))?.state).toBe('confirmed');
    // The link is spent.
    expect((await request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
  });

  it('links a known society written in Traditional script instead of duplicating it, and refuses a second endorsement', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>();
    // 中国数学会 is one of the 171 founders: it already endorses cast-2020.
    const res = await postJson('/api/pledges/cast-2020/endorsements?lang=en', body({ name: '中國數學會', website: 'www.cms.org.cn', email: 'x@cms.org.cn' }), {
      'cf-connecting-ip': ip(),
    });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.fields.name).toBe('This society already co-signs this pledge');
    const after = await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it('recognises a known society by its verified website host and by its Simplified name', async () => {
    await postJson('/api/pledges/cast-2020/endorsements', body({ name: '中国网站识别学会', website: 'https://site-match.example.org/about', email: 'a@site-match.example.org' }), {
      'cf-connecting-ip': ip(),
    });
    const first = await endorsementRow('a@site-match.example.org');
    // Only a verified website identifies a society (an unvetted one could squat it).
    await env.DB.prepare("UPDATE societies SET website = 'https://site-match.example.org/about', website_host = 'site-match.example.org' WHERE id = ?1")
      .bind(first!.societyId)
      .run();
    const again = await postJson(
      '/api/pledges/cast-2020/endorsements?lang=en',
      body({ name: 'Site Match Society', website: 'http://www.SITE-MATCH.example.org', email: 'b@site-match.example.org' }),
      { 'cf-connecting-ip': ip() },
    );
    expect(again.status).toBe(400);
    const err = (await again.json()) as { error: { fields: Record<string, string> } };
    expect(err.error.fields.website).toMatch(/already been submitted/);
    const byName = await postJson('/api/pledges/cast-2020/endorsements', body({ name: '中國網站識別學會', website: 'other.example.org', email: 'c@other.example.org' }), {
      'cf-connecting-ip': ip(),
    });
    expect(byName.status).toBe(400);
    expect(first?.state).toBe('pending');
  });

  it('answers invalid input per field in the visitor language', async () => {
    const { status, body: err } = await json('/api/pledges/cast-2020/endorsements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-TW', 'cf-connecting-ip': ip() },
      body: JSON.stringify({ name: '', website: 'not a site', category: 'astrology', contactName: 'x', email: 'nope', extra: 1 }),
    });
    expect(status).toBe(400);
    expect(err.error.fields).toMatchObject({
      name: '請填寫學會名稱',
      website: '請填寫有效的網址,例如 www.example.org.cn',
      category: '請選擇學科類別',
      contactRole: '請填寫聯絡人職務',
      email: '請填寫有效的電子郵件,例如 name@example.org.cn',
    });
    expect(err.error.fields.extra).toBeDefined();
  });

  it('shows the form again with every error and the entered values kept', async () => {
    const res = await postForm('/p/cast-2020/endorse?lang=en', {
      name: 'Kept Value Society',
      website: '',
      category: 'medicine',
      contactName: '',
      contactRole: 'Chair',
      email: 'bad',
      lang: 'en',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('Enter the society’s website');
    expect(html).toContain('Enter the contact person’s name');
    expect(html).toContain('value="Kept Value Society"');
    expect(html).toMatch(/<option value="medicine" selected="">/);
  });

  it('redirects a valid form post to a check-email page', async () => {
    const res = await postForm('/p/cast-2020/endorse', {
      ...body({ name: '中国表单提交学会', website: 'form.example.org', email: 'f@form.example.org' }),
      lang: 'zh-Hans',
    } as Record<string, string>);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/cast-2020/endorse/check-email');
    expect((await endorsementRow('f@form.example.org'))?.state).toBe('pending');
  });

  it('refuses a cross-site form post', async () => {
    const res = await postForm('/p/cast-2020/endorse', body({ email: 'evil@example.org' }) as Record<string, string>, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await endorsementRow('evil@example.org')).toBeNull();
  });

  it('links the endorse page from the pledge page', async () => {
    const html = await (await request('/p/cast-2020?lang=en')).text();
    expect(html).toContain('href="/p/cast-2020/endorse"');
    const page = await request('/p/cast-2020/endorse?lang=en');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Co-sign on behalf of a society');
  });

  it('rate limits bursts from one address like signing', async () => {
    const headers = { 'cf-connecting-ip': '203.0.113.250' };
    // The binding counts in fixed 10-second windows: a burst that straddles a window
    // edge starts counting again, so up to twice the limit may pass before the refusal.
    const statuses: number[] = [];
    while (statuses.length < 70 && statuses.at(-1) !== 429) statuses.push((await postJson('/api/pledges/cast-2020/endorsements', { name: '' }, headers)).status);
    const passed = statuses.slice(0, -1);
    expect(statuses.at(-1)).toBe(429);
    expect(passed.every((s) => s === 400)).toBe(true);
    expect(passed.length).toBeGreaterThanOrEqual(30);
    expect(passed.length).toBeLessThanOrEqual(60);
  });

  it('links one of the 171 founders, typed in Traditional script, when it endorses another pledge', async () => {
    await adminJson('/api/admin/pledges', { body: { slug: 'second-appeal', status: 'open', texts: { 'zh-Hans': { title: '第二份倡议', body: '正文' } } } });
    const founder = await env.DB.prepare(`SELECT id FROM societies WHERE name_hans = '中国数学会'`).first<{ id: number }>();
    const before = await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>();
    const res = await postJson('/api/pledges/second-appeal/endorsements', body({ name: '中國數學會', website: 'www.cms.org.cn', email: 'office@cms.org.cn' }), {
      'cf-connecting-ip': ip(),
    });
    expect(res.status).toBe(202);
    const row = await endorsementRow('office@cms.org.cn');
    expect(row?.societyId).toBe(founder?.id);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>())?.n).toBe(before?.n);
    // An unvetted submission changes nothing about the known society; the organiser sees
    // what was typed, and verification fills in the website it lacked.
    expect(row?.host).toBeNull();
    const item = (await (await adminJson(`/api/admin/endorsements/${row!.id}`)).json()) as { submittedName: string; submittedWebsite: string };
    expect(item).toMatchObject({ submittedName: '中國數學會', submittedWebsite: 'https://www.cms.org.cn/' });
    await request(`/endorse/confirm/${await linkTokenFrom('office@cms.org.cn', '/endorse/confirm/')}`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await adminJson(`/api/admin/endorsements/${row!.id}/verify`, { body: {} })).status).toBe(200);
    expect((await endorsementRow('office@cms.org.cn'))?.host).toBe('cms.org.cn');
  });

  it('answers an expired confirmation link with 410 and leaves the endorsement unconfirmed', async () => {
    await postJson('/api/pledges/cast-2020/endorsements', body({ name: 'Society of Late Replies', website: 'late.example.org', email: 'l@late.example.org' }), {
      'cf-connecting-ip': ip(),
    });
    const token = await linkTokenFrom('l@late.example.org', '/endorse/confirm/');
    await env.DB.prepare(`UPDATE endorsements SET token_expires_at = 1 WHERE contact_email = 'l@late.example.org'`).run();
    expect((await request(`/endorse/confirm/${token}`)).status).toBe(410);
    const res = await request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(410);
    expect((await endorsementRow('l@late.example.org'))?.state).toBe('pending');
    // The society may submit again once its link has expired.
    const again = await postJson('/api/pledges/cast-2020/endorsements', body({ name: 'Society of Late Replies', website: 'late.example.org', email: 'l@late.example.org' }), {
      'cf-connecting-ip': ip(),
    });
    expect(again.status).toBe(202);
  });
});
