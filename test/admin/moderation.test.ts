import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson, seedSignatures } from '../support/admin.ts';
import { counts } from '../support/signers.ts';

type Preview = { matching: number; confirmed: number; pending: number; held: number };

describe('signature moderation', () => {
  it('bulk invalidation changes the counts exactly as previewed, and only changes state', async () => {
    const ipHash = 'ab'.repeat(16);
    await seedSignatures('cast-2020', [
      ...Array.from({ length: 7 }, () => ({ state: 'confirmed', ipHash })),
      ...Array.from({ length: 3 }, () => ({ state: 'pending', ipHash })),
      { state: 'held', ipHash },
      { state: 'withdrawn', ipHash },
      { state: 'confirmed', ipHash: 'cd'.repeat(16) },
    ]);
    const before = await counts();
    const filter = { pledge: 'cast-2020', ipHash };
    const preview = (await (await adminJson('/api/admin/signatures/bulk-invalidate/preview', { body: filter })).json()) as Preview;
    expect(preview).toEqual({ matching: 11, confirmed: 7, pending: 3, held: 1 });

    // A stale preview is refused and nothing changes.
    const stale = await adminJson('/api/admin/signatures/bulk-invalidate', { body: { ...filter, expected: 10 } });
    expect(stale.status).toBe(409);
    expect((await counts()).individuals).toBe(before.individuals);

    const run = await adminJson('/api/admin/signatures/bulk-invalidate', { body: { ...filter, expected: preview.matching } });
    expect(run.status).toBe(200);
    const result = (await run.json()) as { invalidated: number; ids: number[] };
    expect(result.invalidated).toBe(preview.matching);
    expect((await counts()).individuals).toBe(before.individuals - preview.confirmed);

    // Nothing deleted: every row is still there, the withdrawn one untouched.
    const rows = await env.DB.prepare(`SELECT state, count(*) AS n, min(invalidated_at IS NOT NULL) AS stamped FROM signatures WHERE ip_hash = ?1 GROUP BY state`)
      .bind(ipHash)
      .all();
    expect(rows.results).toEqual(
      expect.arrayContaining([
        { state: 'invalidated', n: 11, stamped: 1 },
        { state: 'withdrawn', n: 1, stamped: 0 },
      ]),
    );
    const audit = await env.DB.prepare(`SELECT detail FROM audit_log WHERE action = 'signatures.bulk-invalidate' ORDER BY id DESC LIMIT 1`).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail).ids).toHaveLength(11);
  });

  it('filters bulk invalidation by email domain and date range', async () => {
    const day = Date.UTC(2026, 0, 15);
    await seedSignatures('cast-2020', [
      { state: 'confirmed', domain: 'spam-range.example', createdAt: day + 1000 },
      { state: 'confirmed', domain: 'spam-range.example', createdAt: day + 2000 },
      { state: 'confirmed', domain: 'spam-range.example', createdAt: day + 86_400_000 * 3 },
    ]);
    const filter = { emailDomain: 'SPAM-range.example', from: '2026-01-15', to: '2026-01-16' };
    const preview = (await (await adminJson('/api/admin/signatures/bulk-invalidate/preview', { body: filter })).json()) as Preview;
    expect(preview.matching).toBe(2);
    const before = await counts();
    await adminJson('/api/admin/signatures/bulk-invalidate', { body: { ...filter, expected: 2 } });
    expect((await counts()).individuals).toBe(before.individuals - 2);
  });

  it('refuses a bulk filter that narrows by nothing', async () => {
    const res = await adminJson('/api/admin/signatures/bulk-invalidate', { body: { pledge: 'cast-2020' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ _: 'emptyFilter' });
  });

  it('searches, hides, invalidates and releases single signatures', async () => {
    await seedSignatures('cast-2020', [
      { state: 'confirmed', name: 'Zhang Searchable', affiliation: 'Moderation Institute' },
      { state: 'held', name: 'Held Confirmed' },
      { state: 'held', name: 'Held Unconfirmed' },
    ]);
    await env.DB.prepare(`UPDATE signatures SET confirmed_at = 1 WHERE name = 'Held Confirmed'`).run();
    const search = async (q: string) =>
      ((await (await adminJson(`/api/admin/signatures?q=${encodeURIComponent(q)}`)).json()) as { items: { id: number; name: string; state: string; hidden: number }[] }).items;
    const [found] = await search('moderation inst');
    expect(found?.name).toBe('Zhang Searchable');
    expect(await search('%')).toEqual([]);

    expect((await adminJson(`/api/admin/signatures/${found!.id}/hide`, { body: {} })).status).toBe(200);
    expect((await search('Zhang Searchable'))[0]?.hidden).toBe(1);

    const before = await counts();
    expect((await adminJson(`/api/admin/signatures/${found!.id}/invalidate`, { body: {} })).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals - 1);
    expect((await adminJson(`/api/admin/signatures/${found!.id}/invalidate`, { body: {} })).status).toBe(409);

    const [heldConfirmed] = await search('Held Confirmed');
    const [heldUnconfirmed] = await search('Held Unconfirmed');
    await adminJson(`/api/admin/signatures/${heldConfirmed!.id}/release`, { body: {} });
    await adminJson(`/api/admin/signatures/${heldUnconfirmed!.id}/release`, { body: {} });
    expect((await search('Held Confirmed'))[0]?.state).toBe('confirmed');
    expect((await search('Held Unconfirmed'))[0]?.state).toBe('pending');
    expect((await counts()).individuals).toBe(before.individuals);
    expect((await adminJson('/api/admin/signatures/999999/release', { body: {} })).status).toBe(404);
  });

  it('shows IP hashes and email domains with unusually many signatures in the last hour', async () => {
    const busy = 'ef'.repeat(16);
    await seedSignatures('cast-2020', [
      ...Array.from({ length: 12 }, () => ({ state: 'pending', ipHash: busy, domain: 'burst.example' })),
      ...Array.from({ length: 12 }, () => ({ state: 'pending', ipHash: '12'.repeat(16), domain: 'qq.com', createdAt: Date.now() - 2 * 3600_000 })),
      { state: 'pending', ipHash: '34'.repeat(16) },
    ]);
    const t = (await (await adminJson('/api/admin/trending')).json()) as { ipHashes: { key: string; signatures: number }[]; emailDomains: { key: string; common: boolean }[] };
    expect(t.ipHashes).toContainEqual(expect.objectContaining({ key: busy, signatures: 12 }));
    expect(t.ipHashes.map((r) => r.key)).not.toContain('12'.repeat(16));
    expect(t.ipHashes.map((r) => r.key)).not.toContain('34'.repeat(16));
    expect(t.emailDomains).toContainEqual(expect.objectContaining({ key: 'burst.example', common: false }));
  });
});
