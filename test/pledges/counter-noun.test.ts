import { describe, expect, it } from 'vitest';
import { adminJson, postAdminForm, sessionCookie } from '../support/admin.ts';
import { request } from '../support/app.ts';

const text = async (path: string, init?: RequestInit) => (await request(path, init)).text();

// Issue 18: the counter's noun is set per pledge (the seed keeps the default).
describe('the counter noun of a pledge', () => {
  it('keeps the default noun on the seed pledge', async () => {
    expect(await text('/p/cast-2020?lang=en')).toContain('scientists and technology workers have signed');
    expect(await text('/p/cast-2020?lang=zh-Hans')).toContain('位科技工作者已签名');
  });

  it('is set in the pledge editor per language and shown on the pledge, embed and stats pages', async () => {
    const cookie = await sessionCookie();
    const slug = `noun-${crypto.randomUUID().slice(0, 8)}`;
    const fields = {
      slug,
      status: 'open',
      goal: '',
      opensAt: '',
      closesAt: '',
      defaultLang: 'en',
      'title.en': 'Open Mathematics Pledge',
      'body.en': 'We share proofs.',
      'counterNoun.en': 'mathematicians',
      'counterNoun.zh-Hans': '数学工作者',
      'counterNoun.zh-Hant': '',
    };
    const created = await postAdminForm('/admin/pledges', fields, cookie);
    expect(created.status).toBe(303);
    expect(await text(`/p/${slug}?lang=en`)).toContain('mathematicians have signed');
    expect(await text(`/p/${slug}?lang=zh-Hans`)).toContain('位数学工作者已签名');
    // A language left empty falls back to the default noun.
    expect(await text(`/p/${slug}?lang=zh-Hant`)).toContain('位科技工作者已簽名');
    expect(await text(`/embed/${slug}?lang=en`)).toContain('mathematicians have signed');
    expect(await text(`/p/${slug}/stats?lang=en`)).toContain('mathematicians have signed');

    // The edit form shows it again; clearing it restores the default.
    const edit = await text(`/admin/pledges/${slug}?lang=en`, { headers: { cookie } });
    expect(edit).toMatch(/<input id="f-counterNoun.en" name="counterNoun.en"[^>]* value="mathematicians"/);
    expect((await postAdminForm(`/admin/pledges/${slug}`, { ...fields, 'counterNoun.en': '' }, cookie)).status).toBe(303);
    expect(await text(`/p/${slug}?lang=en`)).toContain('scientists and technology workers have signed');
  });

  it('is accepted by the JSON API, and a too long noun is refused per field', async () => {
    const slug = `noun-${crypto.randomUUID().slice(0, 8)}`;
    const body = { slug, status: 'open', defaultLang: 'en', texts: { en: { title: 'Noun by API', body: 'Text.' } }, counterNoun: { en: 'engineers' } };
    const created = await adminJson('/api/admin/pledges', { body });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await text(`/p/${slug}?lang=en`)).toContain('engineers have signed');
    const bad = await adminJson(`/api/admin/pledges/${slug}`, { method: 'PATCH', body: { counterNoun: { en: 'x'.repeat(61) } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(['counterNoun.en']);
  });
});
