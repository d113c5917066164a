import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson, sessionCookie } from '../support/admin.ts';
import { postJson, request } from '../support/app.ts';
import { linkTokenFrom } from '../support/mail.ts';

// Issue 13, item 6: 250 fake societies must not hide a genuine one from the organiser.

const FLOOD = 250;
const FLOOD_IP = 'f1'.repeat(32);
type Item = { id: number; submittedName: string; emailMatchesWebsite: boolean; signals: { emailMatchesWebsite: boolean; sameContact: number | null; sameIp: number | null } };
type Page = { state: string; items: Item[]; next: string | null; total: number };

const page = async (query: string) => {
  const res = await adminJson(`/api/admin/endorsements?${query}`);
  return { status: res.status, body: (await res.json()) as Page };
};

let genuineId = 0;

beforeAll(async () => {
  // The flood, as a script would leave it: confirmed submissions from one network and one
  // throwaway mail domain, each a "new" society (written straight to D1, keys unset).
  const pledge = await env.DB.prepare("SELECT id FROM pledges WHERE slug = 'cast-2020'").first<{ id: number }>();
  const t0 = Date.now() - 3_600_000;
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < FLOOD; i++) {
    stmts.push(env.DB.prepare(`INSERT INTO societies (name_hans, name_hant, category) VALUES (?1, ?1, 'science')`).bind(`虚假学会第${i}号`));
    stmts.push(
      env.DB.prepare(
        `INSERT INTO endorsements (pledge_id, society_id, state, contact_name, contact_role, contact_email, lang, ip_hash, created_at, confirmed_at, submitted_name, submitted_website)
         VALUES (?1, (SELECT id FROM societies WHERE name_hans = ?2), 'confirmed', 'Bot', 'Bot', ?3, 'zh-Hans', ?4, ?5, ?5, ?2, ?6)`,
      ).bind(pledge!.id, `虚假学会第${i}号`, `bot${i % 7}@spam.example`, FLOOD_IP, t0 + i, `https://fake-${i}.example/`),
    );
  }
  await env.DB.batch(stmts);
  // The genuine one, through the public form, confirmed by its contact.
  const res = await postJson(
    '/api/pledges/cast-2020/endorsements',
    {
      name: '中國真實氣象學會',
      nameEn: 'Genuine Meteorological Society',
      website: 'https://www.real-met.org.cn/',
      category: 'science',
      contactName: '周',
      contactRole: '秘书长',
      email: 'office@real-met.org.cn',
    },
    { 'cf-connecting-ip': '203.0.113.77' },
  );
  expect(res.status).toBe(202);
  const token = await linkTokenFrom('office@real-met.org.cn', '/endorse/confirm/');
  const confirmed = await request(`/endorse/confirm/${token}`, {
    method: 'POST',
    headers: { origin: 'http://localhost:8787', 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(confirmed.status).toBeLessThan(500);
  genuineId = (await env.DB.prepare("SELECT id FROM endorsements WHERE contact_email = 'office@real-met.org.cn' AND state = 'confirmed'").first<{ id: number }>())!.id;
});

describe('endorsement queue under a flood', () => {
  it('pages 50 at a time by default with the true total and an opaque cursor', async () => {
    const { status, body } = await page('state=pending');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(50);
    expect(body.total).toBe(FLOOD + 1);
    expect(typeof body.next).toBe('string');
    expect(body.next).not.toMatch(/^\d+$/);
  });

  it('finds the genuine society by paging through everything, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: Page } = await page(`state=pending&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(200);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.next;
    } while (cursor);
    expect(seen).toHaveLength(FLOOD + 1);
    expect(new Set(seen).size).toBe(FLOOD + 1);
    expect(seen.at(-1)).toBe(genuineId);
  });

  it('finds the genuine society by q: name in either script, English name, website, contact domain', async () => {
    for (const q of ['中国真实气象学会', '真實氣象', 'genuine meteorological', 'real-met.org.cn', 'www.real-met']) {
      const { status, body } = await page(`state=pending&q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(
        body.items.map((i) => i.id),
        q,
      ).toEqual([genuineId]);
      expect(body.total, q).toBe(1);
    }
    expect((await page(`state=pending&q=${encodeURIComponent('虚假学会')}`)).body.total).toBe(FLOOD);
  });

  it('sorts newest first on request', async () => {
    const { body } = await page('state=pending&sort=newest&limit=1');
    expect(body.items[0]!.id).toBe(genuineId);
    const second = await page(`state=pending&sort=newest&limit=1&cursor=${encodeURIComponent(body.next!)}`);
    expect(second.body.items[0]!.submittedName).toBe(`虚假学会第${FLOOD - 1}号`);
  });

  it('shows the signals: domain match, same contact, same network', async () => {
    const genuine = (await page(`q=real-met`)).body.items[0]!;
    expect(genuine.signals).toEqual({ emailMatchesWebsite: true, sameContact: 1, sameIp: 1 });
    const fake = (await page('state=pending&limit=1')).body.items[0]!;
    expect(fake.signals.emailMatchesWebsite).toBe(false);
    expect(fake.signals.sameIp).toBe(FLOOD);
    expect(fake.signals.sameContact).toBeGreaterThanOrEqual(Math.floor(FLOOD / 7));
  });

  it('refuses bad paging parameters with 400, never 5xx', async () => {
    for (const q of [
      'limit=201',
      'limit=0',
      'limit=1.5',
      'limit=-1e400',
      'limit=Infinity',
      'cursor=%25%25',
      'cursor=bm90LWEtY3Vyc29y',
      'sort=sideways',
      `q=${'x'.repeat(101)}`,
      'state=nope',
    ]) {
      const { status } = await page(q);
      expect(status, q).toBe(400);
    }
  });

  it('shows the true total and a next link in the console, and finds by q there', async () => {
    const cookie = await sessionCookie();
    const html = await (await request('/admin/endorsements?state=pending', { headers: { cookie } })).text();
    expect(html).toContain(`${FLOOD + 1}`);
    expect(html).toMatch(/href="\/admin\/endorsements\?[^"]*cursor=/);
    const home = await (await request('/admin', { headers: { cookie } })).text();
    expect(home).toContain(`${FLOOD + 1}`);
    const found = await (await request(`/admin/endorsements?state=pending&q=${encodeURIComponent('真实气象')}`, { headers: { cookie } })).text();
    expect(found).toContain('中國真實氣象學會');
    expect(found).not.toContain('虚假学会第1号');
  });

  it("answers 17- and 100-character Chinese searches (over D1's 50-byte LIKE limit), across scripts", async () => {
    for (const q of ['中國真實氣象學會'.repeat(2) + '中', '中'.repeat(100), '中国真实气象学会']) {
      const { status } = await page(`state=pending&q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
    }
    expect((await page(`q=${encodeURIComponent('中国真实气象学会')}`)).body.total).toBe(1);
    const cookie = await sessionCookie();
    expect((await request(`/admin/endorsements?q=${encodeURIComponent('中'.repeat(100))}`, { headers: { cookie } })).status).toBe(200);
  });

  it('previews a bulk rejection in the console, with the count and sample rows', async () => {
    const cookie = await sessionCookie();
    const res = await request('/admin/endorsements/bulk-reject/preview', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost:8787', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: 'pending', emailDomain: 'spam.example' }).toString(),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`共有 ${FLOOD} 份申请符合条件`);
    expect(html).toContain('action="/admin/endorsements/bulk-reject"');
    expect(html).toContain(`name="expected" value="${FLOOD}"`);
    const empty = await request('/admin/endorsements/bulk-reject/preview', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost:8787', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ state: 'pending' }).toString(),
    });
    expect(empty.status).toBe(400);
  });

  it('bulk-rejects the flood by filter after a preview, and the genuine one stays', async () => {
    const preview = await adminJson('/api/admin/endorsements/bulk-reject/preview', { body: { ipHash: FLOOD_IP } });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { matching: number; sample: Item[] };
    expect(p.matching).toBe(FLOOD);
    expect(p.sample.length).toBeGreaterThan(0);
    expect(p.sample.length).toBeLessThanOrEqual(10);
    expect((await adminJson('/api/admin/endorsements/bulk-reject', { body: { ipHash: FLOOD_IP } })).status).toBe(400);
    expect((await adminJson('/api/admin/endorsements/bulk-reject', { body: { reason: 'flood' } })).status).toBe(400);
    const stale = await adminJson('/api/admin/endorsements/bulk-reject', { body: { ipHash: FLOOD_IP, reason: 'flood', expected: FLOOD - 1 } });
    expect(stale.status).toBe(409);
    const run = await adminJson('/api/admin/endorsements/bulk-reject', { body: { ipHash: FLOOD_IP, reason: 'flood', expected: FLOOD } });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { rejected: number }).rejected).toBe(FLOOD);
    const left = await page('state=pending');
    expect(left.body.total).toBe(1);
    expect(left.body.items.map((i) => i.id)).toEqual([genuineId]);
    const audit = await env.DB.prepare("SELECT target FROM audit_log WHERE action = 'endorsements.bulk-reject'").first<{ target: string }>();
    expect(audit?.target).toBe(`endorsements:${FLOOD}`);
  });
});
