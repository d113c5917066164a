import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../src/log/checkpoint.ts';
import { commitment, entryLeafHash, reasonFields } from '../../src/log/entry.ts';
import { insertCheckpoint } from '../../src/log/log.queries.ts';
import { consistencyProof, ensureCheckpoint, inclusionProof, signingKey, syncLog, treeRoot } from '../../src/log/log.ts';
import { fromHex, leafHash, merkleRoot, toHex, verifyConsistency, verifyInclusion } from '../../src/log/merkle.ts';
import { auditLog, fetchKey } from '../../src/log/verifier.ts';
import { postJson } from '../support/app.ts';
import { entriesFor, get, signatureId } from '../support/log.ts';
import { sign, signAndConfirm } from '../support/signers.ts';

const pledge = { id: 1, slug: 'cast-2020' };

describe('the log follows every change of what counts (SQL triggers)', () => {
  it('starts with the 171 founding societies, seeded as verified endorsements', async () => {
    const n = await env.DB.prepare(`SELECT count(*) AS n FROM log_entries WHERE pledge_id = 1 AND subject_type = 'society' AND kind = 'add'`).first('n');
    expect(n).toBeGreaterThanOrEqual(171);
  });

  it('confirm appends an add; withdrawal a remove with the same commitment; nothing for pending', async () => {
    const t = await sign();
    const id = await signatureId(t.body.email);
    expect(await entriesFor('individual', id)).toEqual([]);
    await postJson('/api/signatures/confirm', { token: t.confirm });
    await postJson('/api/signatures/confirm', { token: t.confirm });
    const [add] = await entriesFor('individual', id);
    expect(add).toMatchObject({ kind: 'add' });
    expect(add!.salt).toMatch(/^[0-9a-f]{32}$/);
    await postJson('/api/signatures/withdraw', { token: t.withdraw });
    const rows = await entriesFor('individual', id);
    expect(rows.map((r) => r.kind)).toEqual(['add', 'remove']);
    expect(rows[1]!.seq).toBeGreaterThan(add!.seq);
    expect(rows[1]!.salt).toBe(add!.salt);
  });

  it('organiser invalidation and release, and endorsement verification, are logged too', async () => {
    const t = await signAndConfirm();
    const id = await signatureId(t.body.email);
    await env.DB.prepare(`UPDATE signatures SET state = 'invalidated', invalidated_at = ?2 WHERE id = ?1`).bind(id, Date.now()).run();
    await env.DB.prepare(`UPDATE signatures SET state = 'confirmed' WHERE id = ?1`).bind(id).run();
    expect((await entriesFor('individual', id)).map((r) => r.kind)).toEqual(['add', 'remove', 'add']);

    const e = await env.DB.prepare(`SELECT id FROM endorsements WHERE pledge_id = 1 AND state = 'verified' ORDER BY id LIMIT 1`).first<number>('id');
    await env.DB.prepare(`UPDATE endorsements SET state = 'rejected' WHERE id = ?1`).bind(e).run();
    await env.DB.prepare(`UPDATE endorsements SET state = 'verified' WHERE id = ?1`).bind(e).run();
    expect((await entriesFor('society', e!)).map((r) => r.kind)).toEqual(['add', 'remove', 'add']);
  });

  it('is append-only: entries, subtrees and checkpoints cannot be changed or deleted', async () => {
    await signAndConfirm();
    await ensureCheckpoint(env, pledge, { now: Date.now(), minIntervalMs: 0 });
    const refused = async (sql: string) => expect(env.DB.prepare(sql).run()).rejects.toThrow(/append-only|written once/);
    await refused(`UPDATE log_entries SET kind = 'remove' WHERE pledge_id = 1 AND seq = 0`);
    await refused(`UPDATE log_entries SET leaf_hash = '00' WHERE pledge_id = 1 AND seq = 0`);
    await refused(`DELETE FROM log_entries WHERE pledge_id = 1 AND seq = 0`);
    await refused(`UPDATE log_nodes SET hash = '00' WHERE pledge_id = 1`);
    await refused(`DELETE FROM log_nodes WHERE pledge_id = 1`);
    await refused(`UPDATE log_checkpoints SET individuals = individuals + 1 WHERE pledge_id = 1`);
    await refused(`DELETE FROM log_checkpoints WHERE pledge_id = 1`);
  });
});

describe('tree hashing and proofs in the Worker', () => {
  it('caches leaf hashes as the pure code computes them, and the stored subtrees give the same root', async () => {
    await signAndConfirm();
    const size = await syncLog(env.DB, pledge);
    const { results } = await env.DB.prepare(
      'SELECT seq, kind, subject_type AS type, subject_id AS subjectId, salt, created_at AS time, commitment, leaf_hash AS leafHash, reason FROM log_entries WHERE pledge_id = 1 ORDER BY seq',
    ).all<{ seq: number; kind: 'add'; type: 'individual'; subjectId: number; salt: string; time: number; commitment: string; leafHash: string; reason: string | null }>();
    expect(results).toHaveLength(size);
    for (const r of results) {
      expect(r.commitment).toBe(await commitment(r.salt, r.subjectId));
      const { reason, ...fields } = r;
      expect(r.leafHash).toBe(toHex(await entryLeafHash('cast-2020', { ...fields, ...reasonFields(reason) })));
    }
    const leaves = results.map((r) => fromHex(r.leafHash));
    const root = await merkleRoot(leaves);
    expect(toHex(await treeRoot(env.DB, 1, size))).toBe(toHex(root));
    for (const index of [0, 1, size - 1, Math.floor(size / 2)]) {
      const proof = (await inclusionProof(env.DB, 1, index, size)).map(fromHex);
      expect(await verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
    }
    for (const first of [1, 2, 100, size - 1]) {
      const proof = (await consistencyProof(env.DB, 1, first, size)).map(fromHex);
      expect(await verifyConsistency(first, size, proof, await merkleRoot(leaves.slice(0, first)), root)).toBe(true);
    }
  });

  it('keeps a large log provable: 20,000 entries hashed in rounds, proofs from O(log^2 n) stored subtrees', async () => {
    // A separate pledge whose log is filled directly (as if backfilled).
    await env.DB.prepare(`INSERT INTO pledges (slug, status) VALUES ('big-log', 'open')`).run();
    const id = await env.DB.prepare(`SELECT id FROM pledges WHERE slug = 'big-log'`).first<number>('id');
    const big = { id: id!, slug: 'big-log' };
    const n = 20_000;
    await env.DB.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < ?2)
       INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
       SELECT ?1, i, 'add', 'individual', 1000000 + i, lower(hex(randomblob(16))), 1700000000000 + i FROM s`,
    )
      .bind(big.id, n)
      .run();
    let size = 0;
    for (let round = 0; size < n && round < 20; round++) size = await syncLog(env.DB, big, 5000);
    expect(size).toBe(n);
    const nodes = await env.DB.prepare('SELECT count(*) AS n FROM log_nodes WHERE pledge_id = ?1').bind(big.id).first<number>('n');
    // Every complete perfect subtree above the leaves: n minus the number of 1 bits of n.
    expect(nodes).toBe(n - n.toString(2).replaceAll('0', '').length);
    const { results } = await env.DB.prepare('SELECT leaf_hash AS h FROM log_entries WHERE pledge_id = ?1 ORDER BY seq').bind(big.id).all<{ h: string }>();
    const leaves = results.map((r) => fromHex(r.h));
    const root = await merkleRoot(leaves);
    const started = Date.now();
    expect(toHex(await treeRoot(env.DB, big.id, n))).toBe(toHex(root));
    const proof = (await inclusionProof(env.DB, big.id, 12_345, n)).map(fromHex);
    expect(await verifyInclusion(12_345, n, leaves[12_345]!, proof, root)).toBe(true);
    const cons = (await consistencyProof(env.DB, big.id, 9_999, n)).map(fromHex);
    expect(await verifyConsistency(9_999, n, cons, await merkleRoot(leaves.slice(0, 9_999)), root)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await leafHash(new Uint8Array())).toBeDefined();
  }, 60_000);
});

describe('checkpoints', () => {
  it('are signed, grow with the log, and audit cleanly against the published key', async () => {
    await signAndConfirm();
    const first = await ensureCheckpoint(env, pledge, { now: Date.now(), minIntervalMs: 0 });
    await signAndConfirm();
    // Within the interval nothing new is signed...
    expect(await ensureCheckpoint(env, pledge, { now: first!.timestamp + 1, minIntervalMs: 60_000 })).toEqual(first);
    // ...after it, a new checkpoint covers the new entry.
    const second = await ensureCheckpoint(env, pledge, { now: first!.timestamp + 61_000, minIntervalMs: 60_000 });
    expect(second!.treeSize).toBe(first!.treeSize + 1);
    const audit = await auditLog(get, 'cast-2020', await fetchKey(get), { known: [first!] });
    expect(audit.checks.filter((c) => !c.ok)).toEqual([]);
    expect(audit.ok).toBe(true);
  });

  it('keep the history in order when two requests sign at once', async () => {
    await signAndConfirm();
    const a = (await ensureCheckpoint(env, pledge, { now: Date.now() + 30_000, minIntervalMs: 0 }))!;
    const key = await signingKey(env);
    // Requests that read the clock before another signed: a bigger tree with an earlier
    // time, or a smaller tree with a later time, is not stored.
    const { signature: _, ...base } = a;
    const crossing = [
      { ...base, treeSize: a.treeSize + 1, timestamp: a.timestamp - 1 },
      { ...base, treeSize: a.treeSize - 1, timestamp: a.timestamp + 1 },
    ];
    for (const c of crossing) {
      await insertCheckpoint(env.DB, 1, await signCheckpoint(c, key.privateKey));
      expect(
        await env.DB.prepare('SELECT count(*) AS n FROM log_checkpoints WHERE pledge_id = 1 AND tree_size = ?1 AND timestamp = ?2').bind(c.treeSize, c.timestamp).first('n'),
      ).toBe(0);
    }
    const rows = (await env.DB.prepare('SELECT tree_size AS s, timestamp AS t FROM log_checkpoints WHERE pledge_id = 1 ORDER BY tree_size').all<{ s: number; t: number }>())
      .results;
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.t).toBeGreaterThanOrEqual(rows[i - 1]!.t);
  });

  it('are not signed while the counters disagree with the log', async () => {
    await signAndConfirm();
    // (Earlier tests signed checkpoints up to a minute ahead of the clock.)
    const now = Date.now() + 120_000;
    const before = await ensureCheckpoint(env, pledge, { now, minIntervalMs: 0 });
    await signAndConfirm();
    await env.DB.prepare(`UPDATE counters SET value = value + 5 WHERE pledge_id = 1 AND metric = 'individuals' AND bucket = ''`).run();
    expect(await ensureCheckpoint(env, pledge, { now: now + 1, minIntervalMs: 0 })).toEqual(before);
    await env.DB.prepare(`UPDATE counters SET value = value - 5 WHERE pledge_id = 1 AND metric = 'individuals' AND bucket = ''`).run();
    expect((await ensureCheckpoint(env, pledge, { now: now + 2, minIntervalMs: 0 }))!.treeSize).toBe(before!.treeSize + 1);
  });
});
