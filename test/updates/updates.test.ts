import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { mailWaitingUpdates } from '../../src/signatures/subscribers.cron.ts';
import { adminJson, postAdminForm, sessionCookie } from '../support/admin.ts';
import { json, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { appEnv, drainMail } from '../support/queues.ts';
import { signAndConfirm, signer, signJson } from '../support/signers.ts';

// Issue 15: organisers' updates, on the page, in the API and (notify) by mail to the
// signers who opted in, each with RFC 8058 one-click unsubscribe.

const uid = () => crypto.randomUUID().slice(0, 8);
type Update = { id: number; kind: string; title: Record<string, string>; body: Record<string, string>; publishedAt: number };

async function newPledge() {
  const slug = `upd-${uid()}`;
  const res = await adminJson('/api/admin/pledges', { body: { slug, status: 'open', texts: { en: { title: `Pledge ${slug}`, body: 'Text.' } }, defaultLang: 'en' } });
  expect(res.status).toBe(201);
  return slug;
}

const publish = (slug: string, body: unknown) => adminJson(`/api/admin/pledges/${slug}/updates`, { body });
const updateMails = async (email: string) => (await mailsTo(email)).filter((m) => m.text.includes('/unsubscribe/'));

describe('publishing updates', () => {
  it('JSON: a string or one to three languages; listed newest first, dated; on the page escaped, with links', async () => {
    const slug = await newPledge();
    const first = await publish(slug, { title: 'First news', body: 'One paragraph.\n\nSee https://example.org/report. <b>not bold</b>' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ kind: 'update', title: { en: 'First news' } });
    const second = await publish(slug, { title: { en: 'Second', 'zh-Hans': '第二' }, body: { en: 'Body two', 'zh-Hans': '正文二' }, notify: false });
    expect(second.status).toBe(201);

    const { status, body } = await json<{ items: Update[] }>(`/api/pledges/${slug}/updates`);
    expect(status).toBe(200);
    expect(body.items.map((u) => u.title.en)).toEqual(['Second', 'First news']);
    expect(body.items[0]!.title['zh-Hans']).toBe('第二');
    expect(typeof body.items[0]!.publishedAt).toBe('number');

    const html = await (await request(`/p/${slug}?lang=en`)).text();
    expect(html.indexOf('Second')).toBeLessThan(html.indexOf('First news'));
    expect(html).toContain('<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>');
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).not.toContain('<b>not bold</b>');
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    // Chinese readers see the Chinese text.
    expect(await (await request(`/p/${slug}?lang=zh-Hans`)).text()).toContain('正文二');

    const audit = await env.DB.prepare(`SELECT detail FROM audit_log WHERE action = 'pledge.update.publish' AND detail LIKE ?1`).bind(`%"${slug}"%`).all();
    expect(audit.results).toHaveLength(2);
  });

  it('bad input: 400 with the fields; unknown pledge 404; no token 401', async () => {
    const slug = await newPledge();
    const fields = async (body: unknown) => {
      const res = await publish(slug, body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error.fields;
    };
    expect(await fields({ body: 'x' })).toHaveProperty('title');
    expect(await fields({ title: '', body: 'x' })).toHaveProperty('title');
    expect(await fields({ title: { fr: 'Bonjour' }, body: { fr: 'x' } })).toHaveProperty('title');
    expect(await fields({ title: { en: 'A', 'zh-Hans': '甲' }, body: { en: 'B' } })).toEqual({ body: 'languages' });
    expect(await fields({ title: 'A', body: 'B', notify: 'yes' })).toHaveProperty('notify');
    expect(await fields({ title: 'A', body: 'B', extra: 1 })).toHaveProperty('extra');
    expect(await fields({ title: 'A'.repeat(201), body: 'B' })).toHaveProperty('title');
    expect((await publish('no-such-pledge', { title: 'A', body: 'B' })).status).toBe(404);
    expect(
      (await request(`/api/admin/pledges/${slug}/updates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"A","body":"B"}' })).status,
    ).toBe(401);
    expect((await request('/api/pledges/no-such-pledge/updates')).status).toBe(404);
  });

  it('the console form publishes (no JavaScript); errors show the form again', async () => {
    const slug = await newPledge();
    const cookie = await sessionCookie('editor');
    const page = await request(`/admin/pledges/${slug}/updates?lang=en`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="title.zh-Hant"');
    const bad = await postAdminForm(`/admin/pledges/${slug}/updates?lang=en`, { 'title.en': 'Only a title' }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('error-summary');
    const ok = await postAdminForm(`/admin/pledges/${slug}/updates`, { 'title.en': 'From the console', 'body.en': 'Hello.' }, cookie);
    expect(ok.status).toBe(303);
    const { body } = await json<{ items: Update[] }>(`/api/pledges/${slug}/updates`);
    expect(body.items[0]!.title.en).toBe('From the console');
    const audit = await env.DB.prepare(`SELECT actor FROM audit_log WHERE action = 'pledge.update.publish' AND detail LIKE ?1`).bind(`%"${slug}"%`).first<{ actor: string }>();
    expect(audit!.actor).toBe('editor');
  });
});

describe('mailing updates (notify)', () => {
  it('reaches opted-in confirmed signers only, with RFC 8058 headers, their own links and no one else’s data', async () => {
    const slug = await newPledge();
    const a = await signAndConfirm(signer({ name: 'Alice Opted', updates: true, lang: 'en' }), { slug });
    const b = await signAndConfirm(signer({ name: 'Bob Opted', updates: true, lang: 'en' }), { slug });
    const quiet = await signAndConfirm(signer({ name: 'Quiet One', lang: 'en' }), { slug });
    const pending = signer({ updates: true, lang: 'en' });
    await signJson(pending, { slug });

    expect((await publish(slug, { title: 'Big news', body: 'We met the minister.', notify: true })).status).toBe(201);
    const [mailA] = await updateMails(a.email);
    const [mailB] = await updateMails(b.email);
    expect(mailA?.subject).toContain('Big news');
    expect(mailA!.text).toContain('We met the minister.');
    expect(mailA!.text).not.toContain('Bob Opted');
    expect(mailA!.text).not.toContain(b.email);
    expect(tokenIn(mailA, 'unsubscribe')).not.toBe(tokenIn(mailB, 'unsubscribe'));
    expect(tokenIn(mailA, 'manage')).not.toBe(tokenIn(mailB, 'manage'));
    expect(await updateMails(quiet.email)).toHaveLength(0);
    expect(await updateMails(pending.email)).toHaveLength(0);

    // The development outbox shows the headers.
    const outbox = await json<{ to: string; headers?: Record<string, string> }[]>('/dev/outbox?limit=50');
    const listed = outbox.body.find((m) => m.to === a.email && m.headers);
    const unsubscribeUrl = `http://localhost:8787/unsubscribe/${tokenIn(mailA, 'unsubscribe')}`;
    expect(listed?.headers).toEqual({ 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    const row = await env.DB.prepare(`SELECT recipients, mailed_at FROM pledge_updates WHERE pledge_id = (SELECT id FROM pledges WHERE slug = ?1)`)
      .bind(slug)
      .first<{ recipients: number; mailed_at: number | null }>();
    expect(row).toMatchObject({ recipients: 2 });
    expect(row!.mailed_at).not.toBeNull();
  });

  it('one-click unsubscribe: a POST from a mail client, no session, no origin; then no more updates', async () => {
    const slug = await newPledge();
    const s = await signAndConfirm(signer({ updates: true, lang: 'en' }), { slug });
    await publish(slug, { title: 'Update one', body: 'One.', notify: true });
    const token = tokenIn((await updateMails(s.email))[0], 'unsubscribe');

    // The human page: GET shows a button and changes nothing.
    const page = await request(`/unsubscribe/${token}?lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
    expect((await env.DB.prepare('SELECT updates FROM signatures WHERE email = ?1').bind(s.email).first<{ updates: number }>())!.updates).toBe(1);

    // RFC 8058: POST with List-Unsubscribe=One-Click, from elsewhere, no cookie.
    const one = await request(`/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(one.status).toBe(200);
    const noOrigin = await request(`/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(noOrigin.status).toBe(200);
    expect((await env.DB.prepare('SELECT updates, state FROM signatures WHERE email = ?1').bind(s.email).first())!).toMatchObject({ updates: 0, state: 'confirmed' });

    await publish(slug, { title: 'Update two', body: 'Two.', notify: true });
    expect((await updateMails(s.email)).map((m) => m.subject)).toEqual([expect.stringContaining('Update one')]);
    // A bad token is a 404, not a 500.
    expect(
      (
        await request('/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(404);
  });

  it('the CSRF exemption is exactly that route: other cross-site posts are still refused', async () => {
    const slug = await newPledge();
    const s = await signAndConfirm(signer({ updates: true, lang: 'en' }), { slug });
    const manage = tokenIn((await mailsTo(s.email))[0], 'manage');
    const cross = (path: string) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example' }, body: 'List-Unsubscribe=One-Click' });
    expect((await cross(`/manage/${manage}/updates`)).status).toBe(403);
    expect((await cross(`/unsubscribe/${manage}/x`)).status).toBe(403);
    expect((await cross(`/withdraw/${manage}`)).status).toBe(403);
    expect((await cross(`/p/${slug}/sign`)).status).toBe(403);
    // A manage link unsubscribes too (it is the signer's own page).
    expect((await cross(`/unsubscribe/${manage}`)).status).toBe(200);
    expect((await env.DB.prepare('SELECT updates FROM signatures WHERE email = ?1').bind(s.email).first<{ updates: number }>())!.updates).toBe(0);
  });

  it('a queued update mail is not sent when its signer unsubscribed meanwhile', async () => {
    const slug = await newPledge();
    const s = await signAndConfirm(signer({ updates: true, lang: 'en' }), { slug });
    const manage = tokenIn((await mailsTo(s.email))[0], 'manage');
    // Publish without draining: mailPendingUpdates enqueues, the consumer has not run.
    const update = await env.DB.prepare(
      `INSERT INTO pledge_updates (pledge_id, kind, title, body, notify, created_at) SELECT id, 'update', '{"en":"Queued"}', '{"en":"Waiting."}', 1, ?2 FROM pledges WHERE slug = ?1 RETURNING id`,
    )
      .bind(slug, Date.now())
      .first<{ id: number }>();
    expect(update).not.toBeNull();
    expect(await mailWaitingUpdates(appEnv())).toBe(1);
    // The signer unsubscribes before the mail leaves the queue.
    await request(`/unsubscribe/${manage}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await drainMail();
    expect(await updateMails(s.email)).toHaveLength(0);
  });

  it('updates count against no stranger-mail cap', async () => {
    const slug = await newPledge();
    const s = await signAndConfirm(signer({ updates: true, lang: 'en' }), { slug });
    // Strangers use up the cap of 5 (confirmation + 4 reminders).
    for (let i = 0; i < 6; i++) await signJson(signer({ email: s.email, lang: 'en' }), { slug });
    expect(await mailsTo(s.email)).toHaveLength(5);
    await publish(slug, { title: 'Still reaches you', body: 'Yes.', notify: true });
    expect(await updateMails(s.email)).toHaveLength(1);
    const ledger = await env.DB.prepare(
      `SELECT count(*) AS n FROM mail_ledger WHERE kind = 'pledge.update' AND capped = 0 AND pledge_id = (SELECT id FROM pledges WHERE slug = ?1)`,
    )
      .bind(slug)
      .first<{ n: number }>();
    expect(ledger!.n).toBe(1);
  });
});
