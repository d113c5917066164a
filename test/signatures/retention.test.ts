// Retention (issue 15): a number of days after a pledge closes, the Cron Trigger erases
// its signers' personal data and its mail ledger rows, in batches, once. Counts,
// breakdowns, the public log and the public list stay exactly as they were; a pledge
// without a closing time is never erased.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { eraseExpiredPersonalData } from '../../src/signatures/retention.cron.ts';
import { adminJson, postAdminForm, seedSignatures, sessionCookie } from '../support/admin.ts';
import { postJson, request } from '../support/app.ts';
import { sign, signAndConfirm } from '../support/signers.ts';

const DAY = 86_400_000;

type SignatureRow = Record<string, unknown> & { id: number; state: string };
const row = (id: number) => env.DB.prepare('SELECT * FROM signatures WHERE id = ?1').bind(id).first<SignatureRow>();
const idOf = async (email: string) => (await env.DB.prepare('SELECT id FROM signatures WHERE email = ?1').bind(email).first<number>('id'))!;
const all = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all()
  ).results;

// Everything public about cast-2020, and the derived data behind it.
async function publicRecord() {
  const body = async (path: string) => (await request(path)).text();
  return {
    counts: JSON.parse(await body('/api/pledges/cast-2020/counts')),
    stats: await body('/api/pledges/cast-2020/stats'),
    counters: await all('SELECT metric, bucket, value FROM counters WHERE pledge_id = 1 ORDER BY metric, bucket'),
    // (Reading the entries hashes any new ones first.)
    entries: await body('/api/pledges/cast-2020/log/entries?start=0&end=1000'),
    log: await all('SELECT seq, kind, subject_type, subject_id, salt, created_at, reason, commitment, leaf_hash FROM log_entries WHERE pledge_id = 1 ORDER BY seq'),
    wall: await body('/api/pledges/cast-2020/signatories?limit=100'),
    csv: await body('/api/pledges/cast-2020/signatories.csv'),
  };
}

async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const PERSONAL = ['email', 'email_key', 'email_domain', 'ip_hash', 'confirm_token_hash', 'withdraw_token_hash', 'token_expires_at'];
const IDENTITY = ['name', 'affiliation', 'title', 'orcid'];

describe('retention', () => {
  it('erases signers’ personal data after the period and not before; the public record stays identical', async () => {
    // A pledge without a closing time, with a signer: never erased.
    const created = await adminJson('/api/admin/pledges', {
      body: { slug: 'open-ended', status: 'open', texts: { en: { title: 'Open ended', body: 'Text.' } }, defaultLang: 'en' },
    });
    expect(created.status).toBe(201);
    const elsewhere = await signAndConfirm({ title: 'Prof.', orcid: '0000-0002-1825-0097' }, { slug: 'open-ended' });

    const listed = await signAndConfirm({ name: '公开署名者', affiliation: '公开大学', title: '研究员', orcid: '0000-0002-1825-0097', public: true });
    const unlisted = await signAndConfirm({ name: '不公开者', affiliation: '某研究所', title: '教授', orcid: '0000-0001-5109-3700' });
    const withdrawn = await signAndConfirm({ name: '撤回者', public: true });
    expect((await postJson('/api/signatures/withdraw', { token: withdrawn.withdraw })).status).toBe(200);
    const pending = await sign({ name: '未确认者' });
    await seedSignatures('cast-2020', [{ state: 'held', name: '待审核者', ipHash: 'ab'.repeat(32) }]);
    const heldId = (await env.DB.prepare(`SELECT id FROM signatures WHERE name = '待审核者'`).first<number>('id'))!;
    const ids = { listed: await idOf(listed.email), unlisted: await idOf(unlisted.email), withdrawn: 0, pending: await idOf(pending.email), held: heldId };
    ids.withdrawn = (await env.DB.prepare(`SELECT id FROM signatures WHERE pledge_id = 1 AND state = 'withdrawn' ORDER BY id DESC LIMIT 1`).first<number>('id'))!;
    const elsewhereId = await idOf(elsewhere.email);
    expect(await all('SELECT * FROM mail_ledger WHERE pledge_id = 1')).not.toHaveLength(0);
    const otherLedger = await all('SELECT * FROM mail_ledger WHERE pledge_id != 1 ORDER BY id');
    expect(otherLedger).not.toHaveLength(0);
    const wallBefore = await (await request('/api/pledges/cast-2020/signatories?limit=100')).text();
    expect(wallBefore).toContain('公开署名者');
    expect(wallBefore).not.toContain('不公开者');

    // The pledge closed ten days ago; its data is kept for thirty days after that.
    const now = Date.now();
    const closesAt = now - 10 * DAY;
    const edit = await adminJson('/api/admin/pledges/cast-2020', { method: 'PATCH', body: { status: 'closed', closesAt, retentionDays: 30 } });
    expect(edit.status).toBe(200);
    expect(((await edit.json()) as { retentionDays: number }).retentionDays).toBe(30);
    const before = await publicRecord();
    const rowsBefore = await Promise.all(Object.values(ids).map(row));

    // Not yet: the cron (now) and the job a day before the period ends erase nothing.
    await cron();
    expect(await eraseExpiredPersonalData(env.DB, closesAt + 30 * DAY - 1)).toEqual({ pledges: 0, signatures: 0, mails: 0 });
    expect(await Promise.all(Object.values(ids).map(row))).toEqual(rowsBefore);

    // At the end of the period: erased, in batches (a budget of 3 rows per run here).
    const at = closesAt + 30 * DAY;
    const first = await eraseExpiredPersonalData(env.DB, at, 3);
    expect(first).toMatchObject({ pledges: 0, signatures: 3 });
    let runs = 1;
    for (;;) {
      const r = await eraseExpiredPersonalData(env.DB, at, 1000);
      runs++;
      if (r.pledges === 1) break;
      expect(runs).toBeLessThan(20);
    }
    // Idempotent: nothing is left, later runs skip the pledge.
    expect(await eraseExpiredPersonalData(env.DB, at + DAY)).toEqual({ pledges: 0, signatures: 0, mails: 0 });

    for (const [who, id] of Object.entries(ids)) {
      const r = (await row(id))!;
      for (const c of PERSONAL) expect(r[c], `${who}.${c}`).toBeNull();
      expect(r.erased_at, who).toBe(at);
      expect(r.state, who).toBe(rowsBefore.find((b) => b!.id === id)!.state);
      for (const c of ['field', 'region', 'confirmed_at', 'public', 'hidden']) expect(r[c], `${who}.${c}`).toEqual(rowsBefore.find((b) => b!.id === id)![c]);
      if (who === 'listed') {
        expect(r).toMatchObject({ name: '公开署名者', affiliation: '公开大学', title: '研究员', orcid: '0000-0002-1825-0097' });
      } else {
        for (const c of IDENTITY) expect(r[c], `${who}.${c}`).toBeNull();
      }
    }
    // Every signature of the pledge, the seed's too; no links, no mail ledger rows left.
    expect(await all('SELECT id FROM signatures WHERE pledge_id = 1 AND (erased_at IS NULL OR email IS NOT NULL OR ip_hash IS NOT NULL)')).toEqual([]);
    expect(await all('SELECT * FROM signature_tokens t JOIN signatures s ON s.id = t.signature_id WHERE s.pledge_id = 1')).toEqual([]);
    expect(await all('SELECT * FROM mail_ledger WHERE pledge_id = 1')).toEqual([]);
    expect(await all('SELECT * FROM signature_search k JOIN signatures s ON s.id = k.signature_id WHERE s.pledge_id = 1 AND instr(k.key, ?1) > 0', '不公开者')).toEqual([]);

    // The counts, breakdowns, public log and public list are exactly as before.
    expect(await publicRecord()).toEqual(before);
    // The links are gone: the signer can no longer withdraw by link.
    expect((await postJson('/api/signatures/withdraw', { token: listed.withdraw })).status).not.toBe(200);
    expect((await row(ids.listed))!.state).toBe('confirmed');

    // The other pledge, without a closing time, is never erased; nor its ledger rows.
    await eraseExpiredPersonalData(env.DB, at + 100 * 365 * DAY);
    expect((await row(elsewhereId))!).toMatchObject({ email: elsewhere.email, title: 'Prof.', erased_at: null });
    expect(await all('SELECT * FROM mail_ledger WHERE pledge_id != 1 ORDER BY id')).toEqual(otherLedger);
  });

  it('runs from the Cron Trigger; a new closing time or period makes the pledge due again', async () => {
    await env.DB.prepare(`UPDATE pledges SET status = 'open', closes_at = NULL, retention_days = 180, personal_data_erased_at = NULL WHERE id = 1`).run();
    const s = await signAndConfirm({ name: '定时任务' });
    const id = await idOf(s.email);
    // Closed 200 days ago with the default period (180 days): due now.
    await env.DB.prepare('UPDATE pledges SET closes_at = ?1 WHERE id = 1')
      .bind(Date.now() - 200 * DAY)
      .run();
    expect(await env.DB.prepare('SELECT retention_days FROM pledges WHERE id = 1').first<number>('retention_days')).toBe(180);
    await cron();
    expect((await row(id))!).toMatchObject({ email: null, name: null, ip_hash: null });
    expect(await env.DB.prepare('SELECT personal_data_erased_at FROM pledges WHERE id = 1').first<number>('personal_data_erased_at')).not.toBeNull();
    // Reopened with a later closing time: the job looks at the pledge again.
    const edit = await adminJson('/api/admin/pledges/cast-2020', { method: 'PATCH', body: { closesAt: Date.now() + DAY } });
    expect(edit.status).toBe(200);
    expect(await env.DB.prepare('SELECT personal_data_erased_at FROM pledges WHERE id = 1').first('personal_data_erased_at')).toBeNull();
  });

  it('the editor takes a whole number of days from 1 to 3650', async () => {
    for (const bad of [0, 3651, 1.5, '30', null]) {
      const res = await adminJson('/api/admin/pledges/cast-2020', { method: 'PATCH', body: { retentionDays: bad } });
      expect(res.status, String(bad)).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('retentionDays');
    }
    for (const ok of [1, 3650]) {
      const res = await adminJson('/api/admin/pledges/cast-2020', { method: 'PATCH', body: { retentionDays: ok } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { retentionDays: number }).retentionDays).toBe(ok);
    }
    // The console's pledge form: the field with its value; a bad value, the form again.
    const cookie = await sessionCookie();
    const form = await (await request('/admin/pledges/open-ended?lang=en', { headers: { cookie } })).text();
    expect(form).toContain('Keep signers’ personal data for (days after closing)');
    expect(form).toMatch(/name="retentionDays"[^>]*value="180"/);
    const fields = { slug: 'open-ended', status: 'open', goal: '', opensAt: '', closesAt: '', defaultLang: 'en', 'title.en': 'Open ended', 'body.en': 'Text.' };
    const bad = await postAdminForm('/admin/pledges/open-ended?lang=en', { ...fields, retentionDays: '0' }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('A whole number of days from 1 to 3650');
    expect((await postAdminForm('/admin/pledges/open-ended', { ...fields, retentionDays: '365' }, cookie)).status).toBe(303);
    expect(await env.DB.prepare(`SELECT retention_days FROM pledges WHERE slug = 'open-ended'`).first('retention_days')).toBe(365);
  });

  it('the pledge page says what is kept, for how long and why, in three languages', async () => {
    await env.DB.prepare('UPDATE pledges SET closes_at = NULL, retention_days = 180 WHERE id = 1').run();
    const open = await (await request('/p/cast-2020?lang=en')).text();
    expect(open).toContain('until 180 days after this pledge closes; it has no closing date yet');
    expect(open).toContain('can no longer be withdrawn by link');
    await env.DB.prepare('UPDATE pledges SET closes_at = ?1, retention_days = 90 WHERE id = 1')
      .bind(Date.UTC(2030, 0, 31))
      .run();
    const pages = {
      en: ['90 days after this pledge closes, that is until 2030-05-01 (UTC)', 'your name and affiliation on the public list'],
      'zh-Hans': ['本倡议结束后 90 天，即 2030-05-01（UTC）', '就不能再通过链接撤回签名了'],
      'zh-Hant': ['本倡議結束後 90 天，即 2030-05-01（UTC）', '就不能再透過連結撤回簽名了'],
    };
    for (const [lang, phrases] of Object.entries(pages)) {
      const html = await (await request(`/p/cast-2020?lang=${lang}`)).text();
      for (const p of phrases) expect(html, lang).toContain(p);
    }
  });
});
