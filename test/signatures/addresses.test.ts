import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../src/signatures/email.ts';
import { BEARER } from '../support/admin.ts';
import { nextIp, postForm, request } from '../support/app.ts';
import { mailsTo } from '../support/mail.ts';
import { signer, signJson } from '../support/signers.ts';

// Issue 13, item 11: the address we mail is the address we key.
const uid = () => crypto.randomUUID().slice(0, 8);
const rowsWithKey = async (key: string) => (await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email_key = ?1').bind(key).first<{ n: number }>())?.n;

describe('mailed address = keyed address', () => {
  it('folds IME full stops and the full-width @ in the address we mail, not only in the key', () => {
    for (const typed of ['li@pku。edu。cn', 'li@pku｡edu｡cn', 'li@pku．edu．cn', 'li＠pku。edu。cn', ' li@pku。edu.cn ']) {
      const e = normaliseEmail(typed)!;
      expect(e, typed).not.toBeNull();
      expect(e.address, typed).toBe('li@pku.edu.cn');
      expect(e.key, typed).toBe('li@pku.edu.cn');
    }
    // Internationalised domains are mailed in their DNS (punycode) form, as keyed.
    expect(normaliseEmail('wang@bücher。de')!.address).toBe('wang@xn--bcher-kva.de');
  });

  it('mails the signer at the folded address, so the mail arrives', async () => {
    const local = `li${uid()}`;
    const res = await signJson(signer({ email: `${local}@pku。edu。cn` }));
    expect(res.status).toBe(202);
    expect(await mailsTo(`${local}@pku.edu.cn`)).toHaveLength(1);
    expect(await mailsTo(`${local}@pku。edu。cn`)).toHaveLength(0);
    const row = await env.DB.prepare('SELECT email, email_key AS k FROM signatures WHERE email_key = ?1').bind(`${local}@pku.edu.cn`).first<{ email: string; k: string }>();
    expect(row).toEqual({ email: `${local}@pku.edu.cn`, k: `${local}@pku.edu.cn` });
  });

  it('folds googlemail.com into gmail.com: one signature per mailbox', async () => {
    const local = `ann.lee${uid()}`;
    expect(normaliseEmail(`${local}@googlemail.com`)!.key).toBe(normaliseEmail(`${local}@gmail.com`)!.key);
    expect((await signJson(signer({ email: `${local}@gmail.com` }))).status).toBe(202);
    expect((await signJson(signer({ email: `${local.replace('.', '')}@GoogleMail.com` }))).status).toBe(202);
    expect(await rowsWithKey(`${local.replace('.', '')}@gmail.com`)).toBe(1);
  });

  it('refuses a quoted local part with a clear field error (API and form)', async () => {
    const res = await signJson(signer({ email: '"li si"@example.org' }), { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.email).toMatch(/quot/i);
    const invalid = (await (await signJson(signer({ email: 'not-an-address' }), { headers: { 'accept-language': 'en' } })).json()) as typeof body;
    expect(body.error.fields.email).not.toBe(invalid.error.fields.email);

    const form = await postForm('/p/cast-2020/sign?lang=en', { ...signer({ email: '"x"@example.org' }), lang: 'en' } as Record<string, string>);
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/quot/i);
  });
});

// Raw JSON text with a lone surrogate escape (\ud800) in one key or value.
const LONE = '\\ud800';
function rawJson(obj: Record<string, unknown>, field: string, where: 'value' | 'key'): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    copy[where === 'key' && k === field ? `${k}__LONE__` : k] = where === 'value' && k === field ? `${typeof v === 'string' ? v : 'x'}__LONE__` : v;
  return JSON.stringify(copy).replaceAll('__LONE__', LONE);
}

describe('lone surrogates', () => {
  const sign = () => signer({ email: `ls${uid()}@example.org`, title: 'Prof', orcid: '0000-0002-1825-0097', public: true });
  const endorse = () => ({
    name: '中国测试学会',
    website: 'https://www.test-ls.org.cn/',
    category: 'engineering',
    contactName: '王芳',
    contactRole: '秘书长',
    email: `ls${uid()}@test-ls.org.cn`,
    statement: 'ok',
  });
  const routes: { path: string; body: () => Record<string, unknown>; headers?: Record<string, string> }[] = [
    { path: '/api/pledges/cast-2020/signatures', body: sign },
    { path: '/api/pledges/cast-2020/endorsements', body: endorse },
    { path: '/api/signatures/confirm', body: () => ({ token: 'A'.repeat(43) }) },
    { path: '/api/signatures/withdraw', body: () => ({ token: 'A'.repeat(43) }) },
    { path: '/api/signatures/receipt', body: () => ({ token: 'A'.repeat(43) }) },
    { path: '/api/admin/endorsements/1/reject', body: () => ({ reason: 'spam' }), headers: BEARER },
    { path: '/api/admin/pledges', body: () => ({ slug: 'ls-pledge', status: 'draft' }), headers: BEARER },
  ];

  it('answers 400 with the JSON error object for a lone surrogate in any field or key of any JSON body', async () => {
    for (const route of routes) {
      const sample = route.body();
      for (const field of Object.keys(sample)) {
        for (const where of ['value', 'key'] as const) {
          const text = rawJson(sample, field, where);
          expect(text).toContain(LONE);
          const res = await request(route.path, { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp(), ...route.headers }, body: text });
          const label = `${route.path} ${where} ${field}`;
          expect(res.status, label).toBe(400);
          const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
          expect(body.error.code, label).toBe('validation_failed');
          expect(body.error.fields[where === 'key' ? `${field}\ufffd` : field], label).toMatch(/Unicode/);
        }
      }
    }
  });

  it('stores nothing from such a body', async () => {
    const local = `ls${uid()}`;
    const text = JSON.stringify(signer({ email: `${local}__LONE__@example.org` })).replace('__LONE__', LONE);
    const res = await request('/api/pledges/cast-2020/signatures', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: text });
    expect(res.status).toBe(400);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email LIKE ?1').bind(`${local}%`).first('n')).toBe(0);
  });

  it('never answers 5xx to a form carrying surrogate or broken UTF-8 bytes, and stores nothing broken', async () => {
    const enc = new TextEncoder();
    const email = `lsform${uid()}@example.org`;
    // CESU-8 / WTF-8 encodings of a lone surrogate (ED A0 80) inside urlencoded and raw bytes.
    const prefix = enc.encode(`name=%ED%A0%80&affiliation=U&field=science&region=CN-BJ&email=${email}&title=`);
    const body = new Uint8Array([...prefix, 0xed, 0xa0, 0x80]);
    const res = await request('/p/cast-2020/sign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787', 'cf-connecting-ip': nextIp() },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBeLessThan(500);
    const row = await env.DB.prepare('SELECT name, title FROM signatures WHERE email = ?1').bind(email).first<{ name: string; title: string }>();
    if (row) for (const v of Object.values(row)) expect(String(v).isWellFormed()).toBe(true);
  });
});
