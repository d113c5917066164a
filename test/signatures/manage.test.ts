import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ORIGIN, postForm, request } from '../support/app.ts';
import { lastMailTo, mailsTo, tokenIn } from '../support/mail.ts';
import { confirm, counts, sign, signAndConfirm, signer, signJson } from '../support/signers.ts';

// Issue 15: the signer's own page, /manage/:token, from every signer mail; and the
// updates opt-in on the sign form and API.

const uid = () => crypto.randomUUID().slice(0, 8);

async function row(email: string) {
  return env.DB.prepare('SELECT id, name, affiliation, public, updates, state FROM signatures WHERE email = ?1')
    .bind(email)
    .first<{ id: number; name: string; affiliation: string; public: number; updates: number; state: string }>();
}

const manageToken = async (email: string) => tokenIn(await lastMailTo(email), 'manage');
const post = (path: string, fields: Record<string, string> = {}) => postForm(path, fields, { 'accept-language': 'en' });

async function wall(q: string) {
  const res = await request(`/api/pledges/cast-2020/signatories?q=${encodeURIComponent(q)}`);
  return ((await res.json()) as { items: { name: string; affiliation: string }[] }).items;
}

async function logSize() {
  const r = await env.DB.prepare(`SELECT count(*) AS n FROM log_entries WHERE pledge_id = (SELECT id FROM pledges WHERE slug = 'cast-2020')`).first<{ n: number }>();
  return r!.n;
}

describe('the updates opt-in', () => {
  it('is off by default, on when asked (JSON), carried through the queue and the confirm link', async () => {
    const off = await signAndConfirm(signer({ lang: 'en' }));
    expect((await row(off.email))!.updates).toBe(0);
    const on = await sign(signer({ updates: true, lang: 'en' }));
    expect((await lastMailTo(on.email))!.text).toContain('You asked for updates about this pledge by email.');
    await confirm(on.confirm);
    expect(await row(on.email)).toMatchObject({ updates: 1, state: 'confirmed' });
  });

  it('the form checkbox sets it; a bad value is a 400 with the field named', async () => {
    const email = `form-${uid()}@example.edu`;
    const version = (await env.DB.prepare('SELECT version FROM pledge_texts WHERE current = 1 AND lang = ?1').bind('zh-Hans').first<{ version: string }>())!.version;
    const res = await post('/p/cast-2020/sign', { name: 'Form Signer', email, affiliation: 'Form University', field: 'science', region: 'CN-BJ', updates: 'on', version });
    expect(res.status).toBe(303);
    expect((await row(email))!.updates).toBe(1);
    const page = await (await request('/p/cast-2020?lang=en')).text();
    expect(page).toContain('name="updates"');
    expect(page).toContain('Email me about this pledge');

    const bad = await signJson(signer({ updates: 'yes' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('updates');
  });
});

describe('the manage page', () => {
  it('every signer mail carries a manage link: confirmation and reminder', async () => {
    const s = await signAndConfirm(signer({ lang: 'en' }));
    expect(tokenIn((await mailsTo(s.email))[0], 'manage')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await signJson(signer({ email: s.email, lang: 'en' }));
    const mails = await mailsTo(s.email);
    expect(mails).toHaveLength(2);
    expect(tokenIn(mails[1], 'manage')).not.toBe(tokenIn(mails[0], 'manage'));
    // Hashed at rest: the token itself is nowhere in D1.
    const token = tokenIn(mails[1], 'manage');
    const stored = await env.DB.prepare(`SELECT count(*) AS n FROM signature_tokens WHERE token_hash = ?1 OR details LIKE '%' || ?1 || '%'`).bind(token).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('names the pledge, masks the address and shows what is recorded; GET changes nothing', async () => {
    const s = await signAndConfirm(signer({ name: 'Wang Wu', affiliation: 'Masked University', title: 'Professor', lang: 'en', email: `wangwu-${uid()}@pku.edu.cn` }));
    const token = await manageToken(s.email);
    const res = await request(`/manage/${token}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Wang Wu');
    expect(html).toContain('Masked University');
    expect(html).toContain('Professor');
    expect(html).toMatch(/Pledge: .+/);
    expect(html).toContain('w***@p***.edu.cn');
    expect(html).not.toContain(s.email);
    expect(html).toContain('Name and affiliation listed publicly');
    expect(html).toContain('Updates by email');
    expect((await request('/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await request('/manage/short')).status).toBe(404);
  });

  it('consent change reaches the wall at once; counts and the public log stay exact', async () => {
    const name = `Consent ${uid()}`;
    const s = await signAndConfirm(signer({ name, affiliation: 'Wall University', public: false, lang: 'en' }));
    const token = await manageToken(s.email);
    const before = { counts: await counts(), log: await logSize() };
    expect(await wall(name)).toHaveLength(0);

    const res = await post(`/manage/${token}/consent`, { public: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/manage/${token}?saved=1`);
    expect(await wall(name)).toEqual([expect.objectContaining({ name, affiliation: 'Wall University' })]);

    await post(`/manage/${token}/consent`, {});
    expect(await wall(name)).toHaveLength(0);
    expect(await counts()).toEqual(before.counts);
    expect(await logSize()).toBe(before.log);
  });

  it('corrects name and affiliation (the wall and its search follow); bad input shows the form again', async () => {
    const name = `Typo ${uid()}`;
    const s = await signAndConfirm(signer({ name, affiliation: 'Old Institute', public: true, lang: 'en' }));
    const token = await manageToken(s.email);
    const before = await counts();
    const fixed = `Fixed ${uid()}`;
    expect((await post(`/manage/${token}/details`, { name: fixed, affiliation: '新的大學' })).status).toBe(303);
    expect(await row(s.email)).toMatchObject({ name: fixed, affiliation: '新的大學' });
    expect(await wall(name)).toHaveLength(0);
    expect(await wall(fixed)).toEqual([expect.objectContaining({ name: fixed, affiliation: '新的大學' })]);
    // Search across scripts still finds the corrected affiliation.
    expect((await wall(`${fixed} 新的大学`)).length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);

    const bad = await post(`/manage/${token}/details?lang=en`, { name: '', affiliation: 'see evil.example' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('aria-invalid="true"');
    expect((await row(s.email))!.name).toBe(fixed);
  });

  it('turns updates on and off; a pending signature can only opt out', async () => {
    const s = await signAndConfirm(signer({ lang: 'en' }));
    const token = await manageToken(s.email);
    await post(`/manage/${token}/updates`, { updates: 'on' });
    expect((await row(s.email))!.updates).toBe(1);
    await post(`/manage/${token}/updates`, {});
    expect((await row(s.email))!.updates).toBe(0);

    const pending = await sign(signer({ public: false, updates: true, lang: 'en' }));
    const pendingToken = await manageToken(pending.email);
    expect(await (await request(`/manage/${pendingToken}?lang=en`)).text()).toContain('Not confirmed yet');
    await post(`/manage/${pendingToken}/consent`, { public: 'on' });
    expect((await row(pending.email))!.public).toBe(0);
    await post(`/manage/${pendingToken}/updates`, {});
    expect((await row(pending.email))!.updates).toBe(0);
  });

  it('downloads my data as JSON and the receipt; withdraws (counts drop by one, links die)', async () => {
    const s = await signAndConfirm(signer({ name: 'Data Owner', updates: true, lang: 'en' }));
    const token = await manageToken(s.email);
    const data = await post(`/manage/${token}/data`);
    expect(data.status).toBe(200);
    expect(data.headers.get('content-disposition')).toMatch(/^attachment; filename="my-signature-cast-2020\.json"$/);
    expect(await data.json()).toMatchObject({
      format: 'pledge-signature-data/v1',
      pledge: 'cast-2020',
      state: 'confirmed',
      email: s.email,
      name: 'Data Owner',
      updates: true,
      public: false,
    });

    const receipt = await post(`/confirm/${token}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-disposition')).toMatch(/^attachment; filename="receipt-cast-2020-\d+\.json"$/);

    const before = await counts();
    const done = await post(`/manage/${token}/withdraw`);
    expect(done.status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals - 1);
    expect(await row(s.email)).toBeNull();
    expect((await request(`/manage/${token}`)).status).toBe(404);
    expect((await post(`/manage/${token}/withdraw`)).status).toBe(404);
  });

  it('changes need our origin (CSRF): a cross-site post is refused', async () => {
    const s = await signAndConfirm(signer({ lang: 'en' }));
    const token = await manageToken(s.email);
    for (const path of [`/manage/${token}/consent`, `/manage/${token}/withdraw`, `/manage/${token}/details`]) {
      const res = await request(path, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'public=on&name=x&affiliation=y',
      });
      expect(res.status).toBe(403);
    }
    expect(await row(s.email)).toMatchObject({ public: 0, state: 'confirmed' });
    expect(ORIGIN).toBe('http://localhost:8787');
  });
});
