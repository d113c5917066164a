import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { postJson, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { confirmedRows, counts, sign, signer, signJson } from '../support/signers.ts';

describe('signing through the JSON API', () => {
  it('signs, confirms once, and withdraws, with the count following', async () => {
    const before = await counts();
    const body = signer({ public: true, title: '教授', orcid: '0000-0002-1825-0097' });
    const res = await signJson(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending' });
    expect((await counts()).individuals).toBe(before.individuals);

    const [mail] = await mailsTo(body.email);
    expect(mail?.subject).toBe('请确认你对倡议的签名');
    expect(mail?.text).toContain('http://localhost:8787/confirm/');
    expect(mail?.html).toContain('<a href="http://localhost:8787/confirm/');
    const confirm = tokenIn(mail, 'confirm');
    const withdraw = tokenIn(mail, 'withdraw');

    const ok = await postJson('/api/signatures/confirm', { token: confirm });
    expect(ok.status).toBe(200);
    const confirmed = (await ok.json()) as { status: string; alreadyConfirmed: boolean; withdrawToken: string };
    expect(confirmed).toMatchObject({ status: 'confirmed', alreadyConfirmed: false, withdrawToken: withdraw });
    expect((await counts()).individuals).toBe(before.individuals + 1);

    const again = await postJson('/api/signatures/confirm', { token: confirm });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'confirmed', alreadyConfirmed: true });
    expect((await counts()).individuals).toBe(before.individuals + 1);

    const row = await env.DB.prepare('SELECT state, text_version, lang, orcid, public FROM signatures WHERE email = ?1').bind(body.email).first();
    const pledge = (await (await request('/api/pledges/cast-2020')).json()) as { texts: { lang: string; version: string }[] };
    expect(row).toMatchObject({ state: 'confirmed', lang: 'zh-Hans', orcid: '0000-0002-1825-0097', public: 1 });
    expect(row?.text_version).toBe(pledge.texts.find((t) => t.lang === 'zh-Hans')?.version);

    const gone = await postJson('/api/signatures/withdraw', { token: withdraw });
    expect(gone.status).toBe(200);
    expect(await gone.json()).toEqual({ status: 'withdrawn' });
    expect((await counts()).individuals).toBe(before.individuals);
    // Personal data is erased; what the counts and an audit need stays.
    const erased = await env.DB.prepare(
      `SELECT state, name, email, email_key, affiliation, title, orcid, ip_hash, field, region, confirmed_at IS NOT NULL AS wasConfirmed FROM signatures WHERE id = (SELECT max(id) FROM signatures WHERE state = 'withdrawn')`,
    ).first();
    expect(erased).toEqual({
      state: 'withdrawn',
      name: null,
      email: null,
      email_key: null,
      affiliation: null,
      title: null,
      orcid: null,
      ip_hash: null,
      field: 'science',
      region: 'CN-BJ',
      wasConfirmed: 1,
    });

    expect((await postJson('/api/signatures/withdraw', { token: withdraw })).status).toBe(404);
    expect((await postJson('/api/signatures/confirm', { token: confirm })).status).toBe(404);
    expect(await confirmedRows()).toBe((await counts()).individuals);
  });

  it('records the language and text version signed', async () => {
    const { texts } = (await (await request('/api/pledges/cast-2020')).json()) as { texts: { lang: string; version: string }[] };
    const en = texts.find((t) => t.lang === 'en')!;
    const body = signer({ version: en.version, lang: 'en' });
    expect((await signJson(body)).status).toBe(202);
    const [mail] = await mailsTo(body.email);
    expect(mail?.subject).toBe('Please confirm your signature');
    const row = await env.DB.prepare('SELECT lang, text_version FROM signatures WHERE email = ?1').bind(body.email).first();
    expect(row).toEqual({ lang: 'en', text_version: en.version });

    const unknown = await signJson(signer({ version: 'a'.repeat(64) }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('version');
  });

  it('reports every invalid field at once, in the visitor language', async () => {
    const res = await signJson(
      { name: '', email: 'not-an-email', affiliation: 'x'.repeat(201), field: 'astrology', region: 'XX', orcid: '0000-0002-1825-0098', public: 'yes', extra: 1 },
      { headers: { 'accept-language': 'en' } },
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual({
      name: 'Enter your full name',
      email: 'Enter an email address in the correct format, like name@example.com',
      affiliation: 'Institution must be 200 characters or fewer',
      field: 'Select your field',
      region: 'Select where you work',
      orcid: expect.stringContaining('valid ORCID iD'),
      public: expect.any(String),
      extra: expect.any(String),
    });
    const zh = await signJson({}, { headers: { 'accept-language': 'zh-CN' } });
    const zhError = ((await zh.json()) as { error: { fields: Record<string, string> } }).error;
    expect(zhError.fields.name).toBe('请填写姓名');
    expect(zhError.fields.email).toBe('请填写电子邮箱');
  });

  it('answers non-JSON, malformed and oversized bodies with the error object', async () => {
    const form = await request('/api/pledges/cast-2020/signatures', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    const broken = await request('/api/pledges/cast-2020/signatures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(broken.status).toBe(400);
    const big = await signJson(signer({ name: 'x'.repeat(40_000) }));
    expect(big.status).toBe(413);
    const array = await signJson([1, 2]);
    expect(array.status).toBe(400);
    const missing = await signJson(signer(), { slug: 'no-such-pledge' });
    expect(missing.status).toBe(404);
  });
});

describe('tokens', () => {
  it('a GET or HEAD on a confirm link confirms nothing', async () => {
    const before = await counts();
    const { confirm } = await sign();
    const page = await request(`/confirm/${confirm}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post" action="/confirm/${confirm}?lang=zh-Hans">`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await request(`/confirm/${confirm}`, { method: 'HEAD' })).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals);
    const state = await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE state = ?1 AND confirm_token_hash IS NOT NULL AND confirmed_at IS NOT NULL')
      .bind('pending')
      .first();
    expect(state?.n).toBe(0);
  });

  it('malformed, unknown, expired and withdraw-as-confirm tokens do nothing', async () => {
    const before = await counts();
    for (const token of ['', 'abc', '%E0%A4%A', '../../etc/passwd', 'A'.repeat(43), 'A'.repeat(500)]) {
      const res = await postJson('/api/signatures/confirm', { token });
      expect([400, 404]).toContain(res.status);
      const page = await request(`/confirm/${encodeURIComponent(token) || 'x'}`, { method: 'POST', headers: { origin: 'http://localhost:8787' } });
      expect([404]).toContain(page.status);
    }
    const { confirm, withdraw } = await sign();
    expect((await postJson('/api/signatures/confirm', { token: withdraw })).status).toBe(404);
    expect((await postJson('/api/signatures/withdraw', { token: confirm })).status).toBe(404);

    await env.DB.prepare(`UPDATE signature_tokens SET expires_at = 1 WHERE kind = 'confirm' AND signature_id IN (SELECT id FROM signatures WHERE state = 'pending')`).run();
    const expired = await postJson('/api/signatures/confirm', { token: confirm });
    expect(expired.status).toBe(410);
    expect((await counts()).individuals).toBe(before.individuals);
  });

  it('a token of another pledge confirms only there', async () => {
    await env.DB.prepare(`INSERT OR IGNORE INTO pledges (slug, status) VALUES ('other-pledge', 'open')`).run();
    await env.DB.prepare(
      `INSERT OR IGNORE INTO pledge_texts (pledge_id, lang, version, title, body) SELECT id, 'zh-Hans', '${'b'.repeat(64)}', '另一个倡议', '正文' FROM pledges WHERE slug = 'other-pledge'`,
    ).run();
    const main = await counts();
    const body = signer();
    expect((await signJson(body, { slug: 'other-pledge' })).status).toBe(202);
    const token = tokenIn((await mailsTo(body.email))[0], 'confirm');
    expect((await postJson('/api/signatures/confirm', { token })).status).toBe(200);
    expect((await counts('other-pledge')).individuals).toBe(1);
    expect((await counts()).individuals).toBe(main.individuals);
  });
});
