import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { isReceipt } from '../../src/log/receipt.format.ts';
import { verifyReceipt } from '../../src/log/verifier.ts';
import { postForm, postJson, request } from '../support/app.ts';
import { get, receipt, signatureId } from '../support/log.ts';
import { sign, signAndConfirm } from '../support/signers.ts';

describe('receipts', () => {
  it('the thank-you page explains the receipt in three languages and offers it as a POST download', async () => {
    for (const [lang, heading, button] of [
      ['en', 'Your receipt', 'Download my receipt'],
      ['zh-Hans', '你的签名回执', '下载我的回执'],
      ['zh-Hant', '你的簽名回執', '下載我的回執'],
    ] as const) {
      const t = await sign();
      const page = await postForm(`/confirm/${t.confirm}?lang=${lang}`, {});
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(heading);
      expect(html).toContain(button);
      expect(html).toContain(`action="/confirm/${t.confirm}/receipt"`);
      expect(html).toContain('/p/cast-2020/verify');

      const file = await postForm(`/confirm/${t.confirm}/receipt`, {});
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="receipt-cast-2020-\d+\.json"$/);
      expect(file.headers.get('cache-control')).toBe('no-store');
      const r = await file.json();
      expect(isReceipt(r)).toBe(true);
    }
  });

  it('the API gives a receipt for the confirm or the withdraw token, that verifies offline and against the server', async () => {
    const t = await signAndConfirm();
    const r = await receipt(t.confirm);
    expect(await receipt(t.withdraw)).toMatchObject({ entry: r.entry, secret: r.secret });
    expect(r).toMatchObject({ format: 'pledge-log-receipt/v1', pledge: 'cast-2020', server: 'http://localhost:8787', entry: { kind: 'add', type: 'individual' } });
    expect(r.secret.subjectId).toBe(await signatureId(t.body.email));
    // Nothing personal in it.
    const text = JSON.stringify(r);
    for (const secret of [t.body.email, t.body.name, t.body.affiliation]) expect(text).not.toContain(secret);

    const offline = await verifyReceipt(r);
    expect(offline.checks.filter((c) => !c.ok)).toEqual([]);
    const online = await verifyReceipt(r, { get });
    expect(online.checks.filter((c) => !c.ok)).toEqual([]);
    expect(online).toMatchObject({ ok: true, status: 'counted' });

    // After withdrawal the old receipt still proves the entry, and the audit says it was removed.
    await postJson('/api/signatures/withdraw', { token: t.withdraw });
    const later = await verifyReceipt(r, { get: async (p) => (p.endsWith('/checkpoint') ? forceCheckpoint() : get(p)) });
    expect(later).toMatchObject({ ok: true, status: 'removed' });
    expect((await postJson('/api/signatures/receipt', { token: t.withdraw })).status).toBe(404);
  });

  it('unconfirmed and held signatures get no receipt; bad tokens get 400 or 404', async () => {
    const t = await sign();
    const pending = await postJson('/api/signatures/receipt', { token: t.confirm });
    expect(pending.status).toBe(409);
    expect(((await pending.json()) as { error: { code: string } }).error.code).toBe('receipt_not_ready');
    await env.DB.prepare(`UPDATE signatures SET state = 'held' WHERE email = ?1`).bind(t.body.email).run();
    await postJson('/api/signatures/confirm', { token: t.confirm });
    expect((await postJson('/api/signatures/receipt', { token: t.confirm })).status).toBe(409);
    expect((await postForm(`/confirm/${t.confirm}/receipt`, {})).status).toBe(409);
    expect((await postJson('/api/signatures/receipt', { token: 'x'.repeat(43) })).status).toBe(404);
    expect((await postJson('/api/signatures/receipt', {})).status).toBe(400);
    expect((await postForm(`/confirm/${'x'.repeat(43)}/receipt`, {})).status).toBe(404);
  });
});

// The latest checkpoint, signed now (the endpoint signs at most one per interval).
async function forceCheckpoint() {
  const { ensureCheckpoint } = await import('../../src/log/log.ts');
  return ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now() + 60_000, minIntervalMs: 0 });
}

describe('receipt pages are private', () => {
  it('are not cached and send no referrer', async () => {
    const t = await signAndConfirm();
    const res = await request(`/confirm/${t.confirm}/receipt`, { method: 'POST', headers: { origin: 'http://localhost:8787' } });
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
