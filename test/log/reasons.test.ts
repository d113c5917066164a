// Removals carry a public reason: withdrawn by the signer, or invalidated by an
// organiser with a category. The stats show both totals; an invalidated signer's
// receipt request answers with the removal's proof.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { entryLeafHash, isPublicEntry, leafData } from '../../src/log/entry.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { toHex } from '../../src/log/merkle.ts';
import { auditLog, fetchKey, verifyReceipt } from '../../src/log/verifier.ts';
import { adminJson } from '../support/admin.ts';
import { json, postJson, request } from '../support/app.ts';
import { entriesFor, get, signatureId } from '../support/log.ts';
import { signAndConfirm } from '../support/signers.ts';

const pledge = { id: 1, slug: 'cast-2020' };
let clock = Date.now() + 10 * 60_000;
const checkpoint = () => {
  clock += 1_000;
  return ensureCheckpoint(env, pledge, { now: clock, minIntervalMs: 0 });
};

async function lastEntryOf(id: number) {
  const rows = await entriesFor('individual', id);
  await checkpoint();
  const seq = rows.at(-1)!.seq;
  return (await json(`/api/pledges/cast-2020/log/entries?start=${seq}&end=${seq + 1}`)).body.entries[0];
}

describe('removal reasons', () => {
  it('a withdrawal is logged as withdrawn, an invalidation as invalidated with its category', async () => {
    const before = (await json('/api/pledges/cast-2020/stats')).body.removals;
    const w = await signAndConfirm();
    const wid = await signatureId(w.body.email);
    expect((await postJson('/api/signatures/withdraw', { token: w.withdraw })).status).toBe(200);
    const withdrawn = await lastEntryOf(wid);
    expect(withdrawn).toMatchObject({ kind: 'remove', reason: 'withdrawn' });
    expect(withdrawn.category).toBeUndefined();

    const d = await signAndConfirm();
    const dup = await signatureId(d.body.email);
    const bad = await adminJson(`/api/admin/signatures/${dup}/invalidate`, { body: { category: 'forged-by-me' } });
    expect(bad.status).toBe(400);
    expect((await adminJson(`/api/admin/signatures/${dup}/invalidate`, { body: { category: 'duplicate' } })).status).toBe(200);
    const invalidated = await lastEntryOf(dup);
    expect(invalidated).toMatchObject({ kind: 'remove', reason: 'invalidated', category: 'duplicate' });
    // The reason is part of the leaf, so it cannot be changed afterwards.
    expect(new TextDecoder().decode(leafData('cast-2020', invalidated))).toMatch(/,"reason":"invalidated","category":"duplicate"\}$/);
    expect(toHex(await entryLeafHash('cast-2020', { ...invalidated, category: 'fraud' }))).not.toBe(invalidated.leafHash);
    await expect(env.DB.prepare(`UPDATE log_entries SET reason = 'withdrawn' WHERE pledge_id = 1 AND seq = ?1`).bind(invalidated.seq).run()).rejects.toThrow(/append-only/);

    const f = await signAndConfirm({ email: `fraud-${crypto.randomUUID().slice(0, 6)}@fraud-reason.example` });
    const preview = (await (await adminJson('/api/admin/signatures/bulk-invalidate/preview', { body: { emailDomain: 'fraud-reason.example' } })).json()) as { matching: number };
    expect(
      (await adminJson('/api/admin/signatures/bulk-invalidate', { body: { emailDomain: 'fraud-reason.example', expected: preview.matching, category: 'fraud' } })).status,
    ).toBe(200);
    expect(await lastEntryOf(await signatureId(f.body.email))).toMatchObject({ reason: 'invalidated', category: 'fraud' });

    // Entries claiming a reason they cannot have are not well formed.
    expect(isPublicEntry({ ...invalidated, kind: 'add' })).toBe(false);
    expect(isPublicEntry({ ...invalidated, category: undefined })).toBe(false);
    expect(isPublicEntry({ ...withdrawn, reason: 'deleted' })).toBe(false);

    // The stats show both totals, the page too, from the next hourly snapshot (every
    // number there is a snapshot's, so answers within an hour cannot be differenced).
    await env.DB.prepare('DELETE FROM stats_snapshots').run();
    const after = (await json('/api/pledges/cast-2020/stats')).body.removals;
    expect(after.withdrawn).toBe(before.withdrawn + 1);
    expect(after.invalidated).toBe(before.invalidated + 2);
    expect(after.byCategory.duplicate).toBe((before.byCategory.duplicate ?? 0) + 1);
    expect(after.byCategory.fraud).toBe((before.byCategory.fraud ?? 0) + 1);
    const page = await (await request('/p/cast-2020/stats?lang=en')).text();
    expect(page).toContain('Withdrawn by the signer');
    expect(page).toMatch(new RegExp(`data-count="invalidated">${after.invalidated}<`));

    // The whole log still audits, reasons included.
    const audit = await auditLog(get, 'cast-2020', await fetchKey(get));
    expect(audit.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('an invalidated signer asking for a receipt gets the removal, proven, with its reason', async () => {
    const t = await signAndConfirm();
    const id = await signatureId(t.body.email);
    expect((await adminJson(`/api/admin/signatures/${id}/invalidate`, { body: { category: 'suspicious' } })).status).toBe(200);
    const res = await postJson('/api/signatures/receipt', { token: t.confirm });
    expect(res.status).toBe(200);
    const r = (await res.json()) as any;
    expect(r).toMatchObject({ status: 'removed', entry: { kind: 'remove', reason: 'invalidated', category: 'suspicious' } });
    const offline = await verifyReceipt(r);
    expect(offline.checks.filter((c) => !c.ok)).toEqual([]);
    expect(await verifyReceipt(r, { get })).toMatchObject({ ok: true, status: 'removed' });
  });
});
