import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacHex } from '../../src/platform/crypto/tokens.ts';
import { nextIp, postJson, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { confirmedRows, counts, signer, signJson } from '../support/signers.ts';

describe('one signature per person', () => {
  it('case and whitespace variants of one email count once and get identical responses', async () => {
    const base = `Wei.Zhang${crypto.randomUUID().slice(0, 6)}`;
    const variants = [`${base}@Example.edu.cn`, `  ${base.toLowerCase()}@example.EDU.cn `, `${base.toUpperCase()}+pledge@example.edu.cn`, `${base}＠example.edu.cn`];
    const responses = [];
    for (const email of variants) {
      const res = await signJson(signer({ email }));
      responses.push({ status: res.status, body: await res.text(), type: res.headers.get('content-type') });
    }
    expect(new Set(responses.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(responses[0]).toEqual({ status: 202, body: '{"status":"pending"}', type: 'application/json' });
    const rows = await env.DB.prepare('SELECT email, mails_sent FROM signatures WHERE email_key = ?1').bind(`${base.toLowerCase()}@example.edu.cn`).all();
    // Stored and mailed at the domain as keyed (issue 13, item 11), the local part as first given.
    const first_ = `${base}@example.edu.cn`;
    expect(rows.results).toEqual([{ email: first_, mails_sent: 4 }]);
    // A pending duplicate re-sends the confirmation to the address first given.
    const mails = await mailsTo(first_);
    expect(mails).toHaveLength(4);
    // Every link mailed stays valid for the details it was sent with (issue 13); the
    // first confirmation counts, later ones answer "already confirmed".
    const first = tokenIn(mails[0], 'confirm');
    const latest = tokenIn(mails[3], 'confirm');
    expect((await postJson('/api/signatures/confirm', { token: first })).status).toBe(200);
    expect(await (await postJson('/api/signatures/confirm', { token: latest })).json()).toMatchObject({ alreadyConfirmed: true });
  });

  it('sends at most 5 mails per signature', async () => {
    const person = signer();
    for (let i = 0; i < 8; i++) expect((await signJson(person)).status).toBe(202);
    expect(await mailsTo(person.email)).toHaveLength(5);
  });

  it('a confirmed signer who signs again gets a reminder with a fresh withdraw link, and counts once', async () => {
    const person = signer();
    await signJson(person);
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    await postJson('/api/signatures/confirm', { token });
    const before = await counts();
    expect((await signJson({ ...person, email: person.email.toUpperCase() })).status).toBe(202);
    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe('你已经签过名了');
    const withdraw = tokenIn(mails[1], 'withdraw');
    expect((await counts()).individuals).toBe(before.individuals);
    expect((await postJson('/api/signatures/withdraw', { token: withdraw })).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals - 1);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After after a burst from one address, page and JSON', async () => {
    const ip = nextIp();
    // The binding counts in fixed 10 s windows: a burst that straddles a window boundary
    // may pass up to twice the limit before the first refusal, never fewer than the limit.
    const statuses: number[] = [];
    while (statuses.length < 70 && !statuses.includes(429)) statuses.push((await signJson(signer(), { ip })).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(30);
    expect(statuses.slice(0, first429).every((s) => s === 202)).toBe(true);
    const res = await signJson(signer(), { ip });
    expect(res.headers.get('retry-after')).toBe('10');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const page = await request('/p/cast-2020/sign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787', 'cf-connecting-ip': ip, 'accept-language': 'en' },
      body: new URLSearchParams(signer() as Record<string, string>).toString(),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('10');
    expect(await page.text()).toContain('Too many requests');
    // Another address is unaffected.
    expect((await signJson(signer())).status).toBe(202);
  });

  it('holds signatures over the sustained per-IP limit: the response looks normal and they never count', async () => {
    const ip = nextIp();
    const ipHash = (await hmacHex(env.IP_HASH_SECRET, ip)).slice(0, 32);
    const limit = Number(env.SIGN_LIMIT_IP_HOUR);
    // Earlier activity from this address within the hour (inserted directly: the burst
    // limiter would otherwise stop a test from reaching the sustained limit quickly).
    const now = Date.now();
    const stmts = Array.from({ length: limit }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO signatures (pledge_id, lang, text_version, state, email_key, email_domain, field, region, ip_hash, created_at) SELECT id, 'zh-Hans', 'x', 'pending', ?1, 'prior.example', 'science', 'CN-BJ', ?2, ?3 FROM pledges WHERE slug = 'cast-2020'`,
      ).bind(`prior${i}-${ip}@prior.example`, ipHash, now - 1000),
    );
    for (let i = 0; i < stmts.length; i += 50) await env.DB.batch(stmts.slice(i, i + 50));

    const before = await counts();
    const person = signer();
    const res = await signJson(person, { ip });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending' });
    const row = await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(person.email).first();
    expect(row?.state).toBe('held');
    // Held signatures are not mailed until an organiser releases them (issue 13;
    // signatures/consent.test.ts covers the release).
    expect(await mailsTo(person.email)).toHaveLength(0);
    expect((await counts()).individuals).toBe(before.individuals);
    expect(await confirmedRows()).toBe((await counts()).individuals);
  });

  it('holds signatures over the per-domain limit, except at big public mail providers', async () => {
    const limit = Number(env.SIGN_LIMIT_DOMAIN_HOUR);
    const now = Date.now();
    const insert = (domain: string, i: number) =>
      env.DB.prepare(
        `INSERT INTO signatures (pledge_id, lang, text_version, state, email_key, email_domain, field, region, created_at) SELECT id, 'zh-Hans', 'x', 'pending', ?1, ?2, 'science', 'CN-BJ', ?3 FROM pledges WHERE slug = 'cast-2020'`,
      ).bind(`d${i}@${domain}`, domain, now - 1000);
    for (const domain of ['bulk.example', 'qq.com']) {
      const stmts = Array.from({ length: limit }, (_, i) => insert(domain, i));
      for (let i = 0; i < stmts.length; i += 100) await env.DB.batch(stmts.slice(i, i + 100));
    }
    const scripted = signer({ email: 'new-one@bulk.example' });
    expect((await signJson(scripted)).status).toBe(202);
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(scripted.email).first('state')).toBe('held');
    const honest = signer({ email: '123456789@qq.com' });
    expect((await signJson(honest)).status).toBe(202);
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(honest.email).first('state')).toBe('pending');
  });
});

describe('Turnstile', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    (env as { TURNSTILE_SECRET: string }).TURNSTILE_SECRET = '';
    (env as { TURNSTILE_SITE_KEY: string }).TURNSTILE_SITE_KEY = '';
  });

  it('the forms show the widget only when a site key is configured, and the CSP lets its frame in', async () => {
    expect(await (await request('/p/cast-2020')).text()).not.toContain('cf-turnstile');
    (env as { TURNSTILE_SITE_KEY: string }).TURNSTILE_SITE_KEY = '1x00000000000000000000AA';
    for (const path of ['/p/cast-2020', '/p/cast-2020/endorse']) {
      const res = await request(path);
      const html = await res.text();
      expect(html, path).toContain('<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"');
      expect(html, path).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self' https://challenges.cloudflare.com");
      expect(res.headers.get('content-security-policy'), path).toContain("frame-src 'self' https://challenges.cloudflare.com");
    }
  });

  it('is required when a secret is configured, and checked with siteverify (mocked)', async () => {
    (env as { TURNSTILE_SECRET: string }).TURNSTILE_SECRET = '1x0000000000000000000000000000000AA';
    const siteverify = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      const form = init?.body as FormData;
      return Response.json({ success: form.get('response') === 'good-token' });
    });
    const missing = await signJson(signer());
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('turnstileToken');
    expect((await signJson(signer({ turnstileToken: 'bad-token' }))).status).toBe(400);
    expect((await signJson(signer({ turnstileToken: 'good-token' }))).status).toBe(202);
    expect(siteverify).toHaveBeenCalledTimes(2);
    expect(String(siteverify.mock.calls[0]?.[0])).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify');
  });
});
