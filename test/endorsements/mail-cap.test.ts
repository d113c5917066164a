import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_MAILS_PER_ENDORSEMENT } from '../../src/endorsements/endorsements.ts';
import { MAX_TRIGGERED_MAILS, recipientKey, reserveMail } from '../../src/platform/mail/ledger.ts';
import { adminJson } from '../support/admin.ts';
import { postJson, request } from '../support/app.ts';
import { linkTokenFrom } from '../support/mail.ts';

// Issue 13.1: the endorsement form can no longer mail-bomb an address, nor carry a link
// that a stranger typed into someone's mailbox.

const ORIGIN = 'http://localhost:8787';
let ipCounter = 0;
const ip = () => `198.51.101.${++ipCounter % 250}`;
const uid = () => crypto.randomUUID().slice(0, 8);

const body = (over: Record<string, unknown> = {}) => ({
  name: `Society of Cap Testing ${uid()}`,
  website: `https://cap-${uid()}.example.org/`,
  category: 'science',
  contactName: 'Wang Fang',
  contactRole: 'Secretary',
  email: `contact-${uid()}@cap.example.org`,
  lang: 'en',
  ...over,
});

async function mailCount(to: string) {
  return (await env.DB.prepare('SELECT count(*) AS n FROM dev_outbox WHERE "to" = ?1').bind(to).first<{ n: number }>())!.n;
}

describe('endorsement mail cap', () => {
  it('mails one contact address at most 5 times per pledge, however many societies are submitted; the answers stay identical', async () => {
    const email = `bombed-${uid()}@victim.example.org`;
    const answers = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const res = await postJson('/api/pledges/cast-2020/endorsements', body({ email }), { 'cf-connecting-ip': ip() });
      answers.add(JSON.stringify({ status: res.status, body: await res.text(), type: res.headers.get('content-type') }));
    }
    expect(answers.size).toBe(1);
    expect(await mailCount(email)).toBe(5);
    // The form answers the same way past the cap.
    const form = await request('/p/cast-2020/endorse', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': ip() },
      body: new URLSearchParams(body({ email }) as Record<string, string>).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(await mailCount(email)).toBe(5);
  });

  it('enforces MAX_MAILS_PER_ENDORSEMENT on one endorsement row replaced again and again', async () => {
    const email = `row-${uid()}@row.example.org`;
    const fields = body({ email });
    await postJson('/api/pledges/cast-2020/endorsements', fields, { 'cf-connecting-ip': ip() });
    // Expire the link each time so the same society may be submitted over it.
    for (let i = 0; i < MAX_MAILS_PER_ENDORSEMENT + 2; i++) {
      await env.DB.prepare('UPDATE endorsements SET token_expires_at = 1 WHERE contact_email = ?1').bind(email).run();
      // Only the per-endorsement budget is under test here: clear this address's ledger rows.
      await env.DB.prepare('DELETE FROM mail_ledger WHERE recipient_key = ?1')
        .bind(await recipientKey(env.IP_HASH_SECRET, email))
        .run();
      expect((await postJson('/api/pledges/cast-2020/endorsements', fields, { 'cf-connecting-ip': ip() })).status).toBe(202);
    }
    expect(await mailCount(email)).toBe(MAX_MAILS_PER_ENDORSEMENT);
  });
});

describe('organiser notices', () => {
  it('are recorded in the ledger but not capped: a contact whose budget is spent still hears that the society is verified', async () => {
    const email = `notice-${uid()}@notice.example.org`;
    const key = await recipientKey(env.IP_HASH_SECRET, email);
    const pledgeId = (await env.DB.prepare(`SELECT id FROM pledges WHERE slug = 'cast-2020'`).first<{ id: number }>())!.id;
    for (let i = 0; i < MAX_TRIGGERED_MAILS - 1; i++) await reserveMail(env.DB, key, pledgeId, 'test', Date.now());
    await postJson('/api/pledges/cast-2020/endorsements', body({ email }), { 'cf-connecting-ip': ip() });
    expect(await mailCount(email)).toBe(1);
    const token = await linkTokenFrom(email, '/endorse/confirm/');
    expect((await request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    const id = (await env.DB.prepare('SELECT id FROM endorsements WHERE contact_email = ?1').bind(email).first<{ id: number }>())!.id;
    expect((await adminJson(`/api/admin/endorsements/${id}/verify`, { body: {} })).status).toBe(200);
    expect(await mailCount(email)).toBe(2);
    const ledger = await env.DB.prepare('SELECT kind, capped FROM mail_ledger WHERE recipient_key = ?1 ORDER BY id').bind(key).all<{ kind: string; capped: number }>();
    expect(ledger.results.slice(-2)).toEqual([
      { kind: 'endorsement.confirm', capped: 1 },
      { kind: 'endorsement.verified', capped: 0 },
    ]);
  });
});

describe('links in mailed endorsement fields', () => {
  const links = ['Visit http://evil.example', 'www.evil.example 学会', 'evil.example', 'evil．example', 'evil。example', '学会 EVIL.EXAMPLE/x'];

  it('refuses a web address in the society names and the contact fields, JSON and form', async () => {
    for (const field of ['name', 'nameEn', 'contactName', 'contactRole'] as const) {
      for (const value of links) {
        if (field === 'nameEn' && /\p{Script=Han}/u.test(value)) continue;
        const res = await postJson('/api/pledges/cast-2020/endorsements', body({ [field]: value }), { 'cf-connecting-ip': ip(), 'accept-language': 'en' });
        expect(res.status, `${field}=${value}`).toBe(400);
        const err = (await res.json()) as { error: { fields: Record<string, string> } };
        expect(err.error.fields[field], `${field}=${value}`).toMatch(/web address/);
      }
    }
    const email = `form-${uid()}@form.example.org`;
    const form = await request('/p/cast-2020/endorse?lang=en', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': ip() },
      body: new URLSearchParams(body({ name: 'Evil http://evil.example Society', email }) as Record<string, string>).toString(),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/web address/);
    expect(await mailCount(email)).toBe(0);
  });
});
