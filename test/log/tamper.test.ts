import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointText, importSigningKey, signCheckpoint } from '../../src/log/checkpoint.ts';
import { ensureCheckpoint, syncLog } from '../../src/log/log.ts';
import { auditLog, fetchKey, verifyReceipt } from '../../src/log/verifier.ts';
import { get, receipt, tampered } from '../support/log.ts';
import { signAndConfirm } from '../support/signers.ts';

const pledge = { id: 1, slug: 'cast-2020' };
const failed = (r: { checks: Array<{ name: string; ok: boolean }> }) => r.checks.filter((c) => !c.ok).map((c) => c.name);
const isEntries = (path: string) => path.includes('/log/entries');
const isLatest = (path: string) => path.endsWith('/log/checkpoint');

// A log with some history: checkpoints before and after a few signatures.
async function history() {
  await signAndConfirm();
  const older = (await ensureCheckpoint(env, pledge, { now: Date.now() + 1_000, minIntervalMs: 0 }))!;
  const t = await signAndConfirm();
  await signAndConfirm();
  const r = await receipt(t.confirm);
  await signAndConfirm();
  const latest = (await ensureCheckpoint(env, pledge, { now: Date.now() + 2_000, minIntervalMs: 0 }))!;
  return { older, latest, receipt: r };
}

describe('tampering is detected', () => {
  it('an honest server passes every check', async () => {
    const h = await history();
    const audit = await auditLog(get, 'cast-2020', await fetchKey(get), { known: [h.older] });
    expect(failed(audit)).toEqual([]);
    expect((await verifyReceipt(h.receipt, { get })).ok).toBe(true);
  });

  it('a changed leaf: an entry served with another kind, time or commitment', async () => {
    const h = await history();
    const key = await fetchKey(get);
    for (const change of [
      (e: any) => (e.kind = e.kind === 'add' ? 'remove' : 'add'),
      (e: any) => (e.time += 1),
      (e: any) => (e.commitment = e.commitment.replace(/^./, (c: string) => (c === '0' ? '1' : '0'))),
    ]) {
      const lying = tampered((path, body) => {
        if (isEntries(path) && body.entries.length > 3) change(body.entries[3]);
        return body;
      });
      const audit = await auditLog(lying, 'cast-2020', key);
      expect(audit.ok).toBe(false);
      expect(failed(audit)).toContain(`all ${h.latest.treeSize} entries rebuild the signed root`);
    }
  });

  it('reordered entries, and an entry left out', async () => {
    await history();
    const key = await fetchKey(get);
    const swapped = tampered((path, body) => {
      if (isEntries(path)) [body.entries[1], body.entries[2]] = [body.entries[2], body.entries[1]];
      return body;
    });
    expect(failed(await auditLog(swapped, 'cast-2020', key))).toContain('entries: in order and well formed');
    // Renumbered to look in order: the root gives it away.
    const renumbered = tampered((path, body) => {
      if (isEntries(path)) {
        [body.entries[1], body.entries[2]] = [body.entries[2], body.entries[1]];
        body.entries.forEach((e: any, i: number) => {
          e.seq = body.start + i;
        });
      }
      return body;
    });
    expect((await auditLog(renumbered, 'cast-2020', key)).ok).toBe(false);
    const dropped = tampered((path, body) => {
      if (isEntries(path)) body.entries.pop();
      return body;
    });
    expect(failed(await auditLog(dropped, 'cast-2020', key))).toContain('entries: every entry is served');
  });

  it('a forged checkpoint: signed by another key, or with counts or root changed after signing', async () => {
    const h = await history();
    const key = await fetchKey(get);
    const otherKey = await importSigningKey('AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=');
    // Inflated counts, signed by someone else under our key id.
    const { signature: _, ...unsigned } = h.latest;
    const forged: Checkpoint = await signCheckpoint({ ...unsigned, individuals: h.latest.individuals + 1000 }, otherKey.privateKey);
    const audit = await auditLog(
      tampered((path, body) => (isLatest(path) ? forged : body)),
      'cast-2020',
      key,
    );
    expect(failed(audit)).toContain('latest checkpoint signature');
    // Counts edited under the real signature.
    const edited = { ...h.latest, individuals: h.latest.individuals + 1 };
    expect(checkpointText(edited)).not.toBe(checkpointText(h.latest));
    const audit2 = await auditLog(
      tampered((path, body) => (isLatest(path) ? edited : body)),
      'cast-2020',
      key,
    );
    expect(failed(audit2)).toEqual(expect.arrayContaining(['latest checkpoint signature', 'signed counts equal additions minus removals']));
    // A receipt whose checkpoint was edited fails even offline.
    const r = structuredClone(h.receipt);
    r.checkpoint.societies += 1;
    expect(failed(await verifyReceipt(r))).toContain('checkpoint signature');
    // A receipt carrying a foreign key fails against the server's published key.
    const foreign = structuredClone(h.receipt);
    foreign.checkpoint = await signCheckpoint({ ...h.receipt.checkpoint, keyId: otherKey.info.keyId }, otherKey.privateKey);
    foreign.publicKey = otherKey.info;
    expect((await verifyReceipt(foreign)).ok).toBe(true); // offline it is only self-consistent...
    expect(failed(await verifyReceipt(foreign, { get }))).toContain('receipt names the key the server publishes'); // ...online it is caught
  });

  it('a stale checkpoint: the server presents an older tree as its latest', async () => {
    const h = await history();
    const stale = tampered((path, body) => (isLatest(path) ? h.older : body));
    const result = await verifyReceipt(h.receipt, { get: stale });
    expect(result.ok).toBe(false);
    expect(failed(result)).toContain(`checkpoint ${h.receipt.checkpoint.treeSize} -> ${h.older.treeSize}: not stale`);
    const audit = await auditLog(stale, 'cast-2020', await fetchKey(get), { known: [h.latest] });
    expect(failed(audit)).toContain(`checkpoint ${h.latest.treeSize} -> ${h.older.treeSize}: not stale`);
  });

  it('a rewritten history: a past entry changed in the database (triggers dropped) breaks consistency with held checkpoints', async () => {
    const h = await history();
    await env.DB.prepare('DROP TRIGGER log_entries_no_rewrite').run();
    await env.DB.prepare('DROP TRIGGER log_entries_hashes_once').run();
    await env.DB.prepare('DROP TRIGGER log_nodes_no_delete').run();
    // The operator rewrites the times of entries 5 onwards and rebuilds every hash, so the
    // new tree is internally consistent, then signs a checkpoint over it.
    await env.DB.prepare(`UPDATE log_entries SET created_at = created_at + 1 WHERE pledge_id = 1 AND seq >= 5`).run();
    await env.DB.prepare(`UPDATE log_entries SET leaf_hash = NULL, commitment = NULL WHERE pledge_id = 1`).run();
    await env.DB.prepare('DELETE FROM log_nodes WHERE pledge_id = 1').run();
    await signAndConfirm();
    expect(await syncLog(env.DB, pledge, 100_000)).toBe(h.latest.treeSize + 1);
    const rewritten = (await ensureCheckpoint(env, pledge, { now: Date.now() + 10_000, minIntervalMs: 0 }))!;
    expect(rewritten.rootHash).not.toBe(h.latest.rootHash);
    // A signer holding a receipt (or anyone holding an older checkpoint) sees it.
    const result = await verifyReceipt(h.receipt, { get });
    expect(result.ok).toBe(false);
    expect(failed(result)).toContain(`checkpoint ${h.receipt.checkpoint.treeSize} -> ${rewritten.treeSize}: consistency proof`);
    // And the signed history no longer matches the log.
    expect(failed(result)).toContain(
      `all ${((await get('/api/pledges/cast-2020/log/checkpoints')) as any).checkpoints.length} checkpoints in the history match the log at their size`,
    );
  });
});
