import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';
import { postJson, request } from '../support/app.ts';
import { linkTokenFrom } from '../support/mail.ts';
import { counts } from '../support/signers.ts';

const texts = (title: string, body = '## First\n\nWe pledge to share what we know.') => ({
  'zh-Hans': { title: `${title}(简)`, body },
  en: { title, subtitle: 'A test pledge', body },
});

async function signAndConfirm(slug: string, email: string, ip: string) {
  const res = await postJson(
    `/api/pledges/${slug}/signatures`,
    { name: 'Test Signer', email, affiliation: 'Test Lab', field: 'science', region: 'CN-SH', lang: 'en' },
    { 'cf-connecting-ip': ip },
  );
  expect(res.status).toBe(202);
  const token = await linkTokenFrom(email, '/confirm/');
  expect((await postJson('/api/signatures/confirm', { token })).status).toBe(200);
}

const versionOf = async (email: string) => (await env.DB.prepare('SELECT text_version AS v FROM signatures WHERE email = ?1').bind(email).first<{ v: string }>())?.v;

describe('pledge lifecycle', () => {
  it('creates a draft, opens it, takes a signature, edits the text as a new version, and closes it', async () => {
    const created = await adminJson('/api/admin/pledges', { body: { slug: 'open-data-2027', status: 'draft', goal: 1000, texts: texts('Open Data Pledge') } });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as { id: number; status: string; versions: { lang: string; version: string; current: number }[] };
    expect(draft.status).toBe('draft');
    expect(draft.versions).toHaveLength(2);

    // A draft is visible only to organisers.
    expect((await request('/p/open-data-2027')).status).toBe(404);
    expect((await request('/api/pledges/open-data-2027')).status).toBe(404);
    expect((await adminJson('/api/admin/pledges/open-data-2027')).status).toBe(200);
    expect((await postJson('/api/pledges/open-data-2027/signatures', { name: 'x' }, { 'cf-connecting-ip': '10.9.0.1' })).status).toBe(404);

    expect((await adminJson('/api/admin/pledges/open-data-2027', { method: 'PATCH', body: { status: 'open' } })).status).toBe(200);
    const page = await (await request('/p/open-data-2027?lang=en')).text();
    expect(page).toContain('<h1>Open Data Pledge</h1>');
    expect(page).toContain('<h2>First</h2>');

    await signAndConfirm('open-data-2027', 'first@lab.example', '10.9.0.2');
    const firstVersion = await versionOf('first@lab.example');
    expect((await counts('open-data-2027')).individuals).toBe(1);

    // Editing the English text publishes a new version; the old row stays, not current.
    const edited = await adminJson('/api/admin/pledges/open-data-2027', {
      method: 'PATCH',
      body: { texts: { en: texts('Open Data Pledge', '## First\n\nWe pledge to share data and code.').en } },
    });
    expect(edited.status).toBe(200);
    const after = (await edited.json()) as { newVersions: Record<string, string>; versions: { lang: string; version: string; current: number; signatures: number }[] };
    expect(Object.keys(after.newVersions)).toEqual(['en']);
    const en = after.versions.filter((v) => v.lang === 'en');
    expect(en).toHaveLength(2);
    expect(en.filter((v) => v.current === 1).map((v) => v.version)).toEqual([after.newVersions.en]);
    expect(await request('/p/open-data-2027?lang=en').then((r) => r.text())).toContain('We pledge to share data and code.');

    // The earlier signature keeps the version it signed; a new one gets the new version.
    expect(await versionOf('first@lab.example')).toBe(firstVersion);
    await signAndConfirm('open-data-2027', 'second@lab.example', '10.9.0.3');
    const second = await env.DB.prepare('SELECT text_version AS v, lang FROM signatures WHERE email = ?1').bind('second@lab.example').first<{ v: string; lang: string }>();
    expect(second?.v).not.toBe(firstVersion);

    // Saving the same text again creates no version.
    const same = (await (
      await adminJson('/api/admin/pledges/open-data-2027', {
        method: 'PATCH',
        body: { texts: { en: texts('Open Data Pledge', '## First\n\nWe pledge to share data and code.').en } },
      })
    ).json()) as { newVersions: object };
    expect(same.newVersions).toEqual({});

    // Closed: the page shows the result and signing and endorsing are refused clearly.
    expect((await adminJson('/api/admin/pledges/open-data-2027', { method: 'PATCH', body: { status: 'closed' } })).status).toBe(200);
    const refused = await postJson(
      '/api/pledges/open-data-2027/signatures',
      { name: 'Late', email: 'late@lab.example', affiliation: 'Lab', field: 'science', region: 'CN-SH' },
      { 'cf-connecting-ip': '10.9.0.4' },
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'pledge_closed', message: 'This pledge has closed.' } });
    const endorse = await postJson('/api/pledges/open-data-2027/endorsements', { name: 'Late Society' }, { 'cf-connecting-ip': '10.9.0.5' });
    expect(endorse.status).toBe(409);
    const closedPage = await (await request('/p/open-data-2027?lang=en')).text();
    expect(closedPage).toContain('This pledge has closed and no longer takes signatures.');
    expect(closedPage).toMatch(/data-count="individuals" data-value="2">2</);
    expect(await request('/p/open-data-2027/endorse?lang=en').then((r) => r.text())).toContain('This pledge has closed');

    const actions = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = ?1 ORDER BY id`).bind(`pledge:${draft.id}`).all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual(['pledge.create', 'pledge.update', 'pledge.update', 'pledge.update', 'pledge.update']);
  });

  it('validates pledge input per field and refuses a taken slug', async () => {
    const bad = await adminJson('/api/admin/pledges', { body: { slug: 'Bad Slug!', status: 'maybe', texts: { en: { title: '' } } } });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(fields).toMatchObject({ slug: 'invalid', status: 'invalid' });
    const taken = await adminJson('/api/admin/pledges', { body: { slug: 'cast-2020', texts: texts('Again') } });
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ slug: 'taken' });
    const times = await adminJson('/api/admin/pledges', { body: { slug: 'time-travel', opensAt: '2027-01-02', closesAt: '2027-01-01', texts: texts('T') } });
    expect(((await times.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ closesAt: 'beforeOpens' });
  });

  it('renders Markdown safely: markup in a text is shown, never run', async () => {
    await adminJson('/api/admin/pledges', {
      body: { slug: 'safe-markup', status: 'open', texts: { 'zh-Hans': { title: '<script>alert(1)</script>', body: '## <img src=x onerror=alert(1)>\n\n<b>bold</b>' } } },
    });
    const html = await (await request('/p/safe-markup')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
