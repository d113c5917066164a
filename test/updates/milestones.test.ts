import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { mailWaitingUpdates } from '../../src/signatures/subscribers.cron.ts';
import { forgetFiredMilestones } from '../../src/updates/updates.actions.ts';
import { publishCrossedMilestones } from '../../src/updates/updates.cron.ts';
import { adminJson } from '../support/admin.ts';
import { json, postJson, request } from '../support/app.ts';
import { mailsTo } from '../support/mail.ts';
import { appEnv, drainMail } from '../support/queues.ts';
import { signAndConfirm, signer } from '../support/signers.ts';

// Issue 15: a milestone update appears once when the count crosses the goal or an
// organiser's threshold, even when the count drops and rises again.

const uid = () => crypto.randomUUID().slice(0, 8);
type Update = { kind: string; threshold: number | null; title: Record<string, string>; publishedAt: number };

async function newPledge(goal: number) {
  const slug = `ms-${uid()}`;
  const res = await adminJson('/api/admin/pledges', { body: { slug, status: 'open', goal, defaultLang: 'en', texts: { en: { title: `Milestones ${slug}`, body: 'Text.' } } } });
  expect(res.status).toBe(201);
  return slug;
}

const milestones = async (slug: string) => (await json<{ items: Update[] }>(`/api/pledges/${slug}/updates`)).body.items.filter((u) => u.kind === 'milestone');

describe('milestones', () => {
  it('the goal and the organiser’s thresholds fire once each, dated, on the page and in the API', async () => {
    const slug = await newPledge(3);
    const set = await adminJson(`/api/admin/pledges/${slug}/milestones`, { method: 'PUT', body: { thresholds: [2, 1], notify: false } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ thresholds: [1, 2], notify: false });
    expect(await milestones(slug)).toEqual([]);

    const first = await signAndConfirm(signer({ lang: 'en' }), { slug });
    expect((await milestones(slug)).map((m) => m.threshold)).toEqual([1]);
    await signAndConfirm(signer({ lang: 'en' }), { slug });
    await signAndConfirm(signer({ lang: 'en' }), { slug });
    const all = await milestones(slug);
    expect(all.map((m) => m.threshold).sort()).toEqual([1, 2, 3]);
    expect(all.find((m) => m.threshold === 3)!.title.en).toBe('Goal reached: 3 signatures');
    expect(all.find((m) => m.threshold === 3)!.title['zh-Hans']).toContain('3');
    expect(await (await request(`/p/${slug}?lang=en`)).text()).toContain('Goal reached: 3 signatures');

    // The count drops below the goal and rises again: no second milestone, even in a
    // fresh isolate that does not remember what fired (the unique key decides).
    expect((await postJson('/api/signatures/withdraw', { token: first.withdraw })).status).toBe(200);
    forgetFiredMilestones();
    await signAndConfirm(signer({ lang: 'en' }), { slug });
    forgetFiredMilestones();
    expect(await publishCrossedMilestones(env.DB)).toBe(0);
    const again = await milestones(slug);
    expect(again).toHaveLength(3);
    const rows = await env.DB.prepare(`SELECT count(*) AS n FROM pledge_updates WHERE kind = 'milestone' AND pledge_id = (SELECT id FROM pledges WHERE slug = ?1)`)
      .bind(slug)
      .first<{ n: number }>();
    expect(rows!.n).toBe(3);
  });

  it('bad thresholds are a 400; unknown pledge 404', async () => {
    const slug = await newPledge(10);
    for (const body of [
      { thresholds: [0] },
      { thresholds: [1.5] },
      { thresholds: 'ten' },
      { thresholds: Array.from({ length: 21 }, (_, i) => i + 1) },
      { thresholds: [5], notify: 'yes' },
    ]) {
      const res = await adminJson(`/api/admin/pledges/${slug}/milestones`, { method: 'PUT', body });
      expect(res.status).toBe(400);
    }
    expect((await adminJson('/api/admin/pledges/nope/milestones', { method: 'PUT', body: { thresholds: [1] } })).status).toBe(404);
  });

  it('the Cron Trigger finds crossings made elsewhere, and mails milestones when the organiser chose that', async () => {
    const slug = await newPledge(1000);
    await adminJson(`/api/admin/pledges/${slug}/milestones`, { method: 'PUT', body: { thresholds: [2], notify: true } });
    const fan = await signAndConfirm(signer({ updates: true, lang: 'en' }), { slug });
    // A confirmation written straight to D1 (no afterCountsChanged), as a repair might.
    const other = signer({ lang: 'en' });
    expect((await postJson(`/api/pledges/${slug}/signatures`, other, { 'cf-connecting-ip': '10.200.0.9' })).status).toBe(202);
    await env.DB.prepare(`UPDATE signatures SET state = 'confirmed', confirmed_at = ?2 WHERE email = ?1`).bind(other.email, Date.now()).run();
    expect(await milestones(slug)).toEqual([]);

    forgetFiredMilestones();
    expect(await publishCrossedMilestones(env.DB)).toBe(1);
    expect(await mailWaitingUpdates(appEnv())).toBe(1);
    await drainMail();
    const mails = (await mailsTo(fan.email)).filter((m) => m.text.includes('/unsubscribe/'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('2 signatures');
    expect(mails[0]!.text).toContain('reached a milestone');
    // Nothing more to mail.
    expect(await mailWaitingUpdates(appEnv())).toBe(0);
  });
});
