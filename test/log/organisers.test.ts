import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { auditLog, fetchKey, verifyReceipt } from '../../src/log/verifier.ts';
import { adminJson } from '../support/admin.ts';
import { ORIGIN, postJson, request } from '../support/app.ts';
import { entriesFor, get, receipt, signatureId } from '../support/log.ts';
import { linkTokenFrom } from '../support/mail.ts';
import { counts, sign, signAndConfirm } from '../support/signers.ts';

// The organisers' actions, through their real API, reach the log by the same triggers.
const pledge = { id: 1, slug: 'cast-2020' };
let clock = Date.now() + 5 * 60_000;
const checkpoint = () => {
  clock += 1_000;
  return ensureCheckpoint(env, pledge, { now: clock, minIntervalMs: 0 });
};

describe('organiser actions are logged', () => {
  it('invalidation, release and bulk invalidation remove and re-add signatures; the log still audits', async () => {
    const a = await signAndConfirm();
    const r = await receipt(a.confirm);
    const id = await signatureId(a.body.email);
    expect((await adminJson(`/api/admin/signatures/${id}/invalidate`, { body: {} })).status).toBe(200);
    expect((await entriesFor('individual', id)).map((e) => e.kind)).toEqual(['add', 'remove']);
    await checkpoint();
    expect(await verifyReceipt(r, { get })).toMatchObject({ ok: true, status: 'removed' });

    // A held signature, confirmed by its signer, counts once released.
    const h = await sign();
    await env.DB.prepare(`UPDATE signatures SET state = 'held' WHERE email = ?1`).bind(h.body.email).run();
    await postJson('/api/signatures/confirm', { token: h.confirm });
    const held = await signatureId(h.body.email);
    expect(await entriesFor('individual', held)).toEqual([]);
    expect((await adminJson(`/api/admin/signatures/${held}/release`, { body: {} })).status).toBe(200);
    expect((await entriesFor('individual', held)).map((e) => e.kind)).toEqual(['add']);
    expect((await postJson('/api/signatures/receipt', { token: h.confirm })).status).toBe(200);

    const b = await signAndConfirm({ email: `bulk-${crypto.randomUUID().slice(0, 6)}@bulk-log.example` });
    const filter = { emailDomain: 'bulk-log.example' };
    const preview = (await (await adminJson('/api/admin/signatures/bulk-invalidate/preview', { body: filter })).json()) as { matching: number };
    expect((await adminJson('/api/admin/signatures/bulk-invalidate', { body: { ...filter, expected: preview.matching } })).status).toBe(200);
    expect((await entriesFor('individual', await signatureId(b.body.email))).map((e) => e.kind)).toEqual(['add', 'remove']);

    const cp = (await checkpoint())!;
    expect({ individuals: cp.individuals, societies: cp.societies }).toMatchObject({ individuals: (await counts()).individuals, societies: (await counts()).societies });
    const audit = await auditLog(get, 'cast-2020', await fetchKey(get));
    expect(audit.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('a verified endorsement is an add for a society, a rejected one a remove', async () => {
    const email = 'sec@log-society.org.cn';
    const submitted = await postJson(
      '/api/pledges/cast-2020/endorsements',
      { name: '中国日志核查学会', website: 'log-society.org.cn', category: 'science', contactName: 'Li Wei', contactRole: 'Secretary-General', email },
      { 'cf-connecting-ip': '10.9.0.1' },
    );
    expect(submitted.status).toBe(202);
    const token = await linkTokenFrom(email, '/endorse/confirm/');
    await request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });
    const id = await env.DB.prepare(`SELECT id FROM endorsements WHERE contact_email = ?1`).bind(email).first<number>('id');
    expect(await entriesFor('society', id!)).toEqual([]);
    expect((await adminJson(`/api/admin/endorsements/${id}/verify`, { body: {} })).status).toBe(200);
    expect((await entriesFor('society', id!)).map((e) => e.kind)).toEqual(['add']);
    expect((await adminJson(`/api/admin/endorsements/${id}/reject`, { body: { reason: 'Not a national society.' } })).status).toBe(200);
    expect((await entriesFor('society', id!)).map((e) => e.kind)).toEqual(['add', 'remove']);
    const cp = (await checkpoint())!;
    expect(cp.societies).toBe((await counts()).societies);
    expect((await auditLog(get, 'cast-2020', await fetchKey(get))).ok).toBe(true);
  });
});
