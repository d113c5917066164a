import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';
import { json, postJson, request } from '../support/app.ts';
import { linkTokenFrom } from '../support/mail.ts';

// Issue 13, item 7: a society's public identity (names, website) comes only from
// verified data, and look-alike names are the same society.

let ipCounter = 0;
const ip = () => `198.51.100.${++ipCounter}`;
const submit = (over: Record<string, unknown>) =>
  postJson('/api/pledges/cast-2020/endorsements', { category: 'science', contactName: '李四', contactRole: '秘书长', ...over }, { 'cf-connecting-ip': ip() });

async function confirmByMail(email: string) {
  const token = await linkTokenFrom(email, '/endorse/confirm/');
  const res = await request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: 'http://localhost:8787', 'content-type': 'application/x-www-form-urlencoded' } });
  expect(res.status).toBe(200);
}

async function idOf(email: string) {
  return (await env.DB.prepare('SELECT id FROM endorsements WHERE contact_email = ?1').bind(email).first<{ id: number }>())!.id;
}

type Endorsing = { id: number; name: Record<string, string | null>; website: string | null };
const publicList = async () => (await json<{ items: Endorsing[] }>('/api/pledges/cast-2020/endorsements')).body.items;

describe('society identity', () => {
  it('a rejected squatter decides neither the website nor the English name of the genuine society', async () => {
    const squat = await submit({ name: '中国火星学会', nameEn: 'Mars Society of Squatters', website: 'https://evil.example/', email: 'squat@evil.example' });
    expect(squat.status).toBe(202);
    await confirmByMail('squat@evil.example');
    const squatId = await idOf('squat@evil.example');
    // Nothing the squatter typed is on the society row while it is unverified.
    const row = await env.DB.prepare('SELECT s.website, s.website_host AS host, s.name_en AS nameEn FROM endorsements e JOIN societies s ON s.id = e.society_id WHERE e.id = ?1')
      .bind(squatId)
      .first();
    expect(row).toEqual({ website: null, host: null, nameEn: null });
    expect((await adminJson(`/api/admin/endorsements/${squatId}/reject`, { body: { reason: 'not the society' } })).status).toBe(200);

    const genuine = await submit({ name: '中國火星學會', nameEn: 'Chinese Mars Society', website: 'https://www.mars.org.cn/', email: 'office@mars.org.cn' });
    expect(genuine.status).toBe(202);
    await confirmByMail('office@mars.org.cn');
    const id = await idOf('office@mars.org.cn');
    expect((await adminJson(`/api/admin/endorsements/${id}/verify`, { method: 'POST' })).status).toBe(200);

    const listed = (await publicList()).find((s) => s.name['zh-Hans'] === '中国火星学会');
    expect(listed).toMatchObject({ website: 'https://www.mars.org.cn/', name: { 'zh-Hans': '中国火星学会', 'zh-Hant': '中國火星學會', en: 'Chinese Mars Society' } });
    expect(JSON.stringify(await publicList())).not.toContain('evil.example');
    expect(JSON.stringify(await publicList())).not.toContain('Squatters');
  });

  it('a pending submission does not capture a website host for later submissions', async () => {
    await submit({ name: '中国月球学会', website: 'https://moon.org.cn/', email: 'a@fake-moon.example' });
    expect((await submit({ name: '中国月亮学会', website: 'https://moon.org.cn/', email: 'b@moon.org.cn' })).status).toBe(202);
    const a = await env.DB.prepare('SELECT society_id AS s FROM endorsements WHERE contact_email = ?1').bind('a@fake-moon.example').first<{ s: number }>();
    const b = await env.DB.prepare('SELECT society_id AS s FROM endorsements WHERE contact_email = ?1').bind('b@moon.org.cn').first<{ s: number }>();
    expect(a!.s).not.toBe(b!.s);
  });

  for (const [label, name] of [
    ['a zero-width space', '中国数\u200b学会'],
    ['a zero-width joiner in Traditional', '中國數\u200d學會'],
    ['a soft hyphen and a word joiner', '中国\u00ad数学\u2060会'],
    ['a Cyrillic a in the English name', 'Chinese M\u0430thematical Society'],
    ['a digit one for an l, in capitals', 'CHINESE MATHEMATICA1 SOCIETY'],
  ] as const) {
    it(`treats the founding 中国数学会 spelled with ${label} as the same society`, async () => {
      const before = await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>();
      const res = await submit({ name, website: `https://spoof-${ipCounter}.example/`, email: `x${ipCounter}@spoof.example` });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(body.error.fields)).toEqual(['name']);
      const after = await env.DB.prepare('SELECT count(*) AS n FROM societies').first<{ n: number }>();
      expect(after!.n).toBe(before!.n);
    });
  }
});
