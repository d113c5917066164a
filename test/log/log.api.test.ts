import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { verifyCheckpoint } from '../../src/log/checkpoint.ts';
import { entryLeafHash } from '../../src/log/entry.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { fromHex, toHex, verifyConsistency, verifyInclusion } from '../../src/log/merkle.ts';
import { fetchKey } from '../../src/log/verifier.ts';
import { json, request } from '../support/app.ts';
import { get } from '../support/log.ts';
import { signAndConfirm } from '../support/signers.ts';

const api = '/api/pledges/cast-2020/log';

describe('log API', () => {
  it('publishes the key, a signed latest checkpoint and its history', async () => {
    const key = await json('/.well-known/pledge-log-key');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/), jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(key.body.jwk.d).toBeUndefined();
    await signAndConfirm();
    const { status, body: cp, res } = await json(`${api}/checkpoint`);
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(await verifyCheckpoint(cp, key.body)).toBe(true);
    const counts = await json('/api/pledges/cast-2020/counts');
    expect({ individuals: cp.individuals, societies: cp.societies }).toEqual({ individuals: counts.body.individuals, societies: counts.body.societies });
    const history = await json(`${api}/checkpoints`);
    expect(history.body.checkpoints[0]).toEqual(cp);
    expect((await json(`${api}/checkpoints?limit=1`)).body.checkpoints).toHaveLength(1);
  });

  it('serves entries in pages, without salts, subject ids or personal data', async () => {
    const t = await signAndConfirm({ name: 'Unique Person Name', affiliation: 'Unique Institute' });
    const cp = (await json(`${api}/checkpoint`)).body;
    const first = await json(`${api}/entries?start=0&end=3`);
    expect(first.body.entries.map((e: { seq: number }) => e.seq)).toEqual([0, 1, 2]);
    expect(Object.keys(first.body.entries[0]).sort()).toEqual(['commitment', 'kind', 'leafHash', 'seq', 'time', 'type']);
    for (const e of first.body.entries) expect(e.leafHash).toBe(toHex(await entryLeafHash('cast-2020', e)));
    const page = await json(`${api}/entries?start=0`);
    expect(page.body.entries).toHaveLength(Math.min(1000, page.body.size));
    const all = await request(`${api}/entries?start=${cp.treeSize - 5}&end=${cp.treeSize}`);
    const text = await all.text();
    for (const secret of [t.body.email, 'Unique Person Name', 'Unique Institute', 'salt', 'subject']) expect(text).not.toContain(secret);
  });

  it('gives inclusion and consistency proofs that verify against checkpoints', async () => {
    await signAndConfirm();
    const a = (await json(`${api}/checkpoint`)).body;
    await signAndConfirm();
    // A later checkpoint (the endpoint signs at most one per interval).
    const b = (await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now() + 3_600_000, minIntervalMs: 0 }))!;
    expect(b.treeSize).toBeGreaterThan(a.treeSize);
    const cons = (await json(`${api}/consistency?first=${a.treeSize}&second=${b.treeSize}`)).body;
    expect(await verifyConsistency(a.treeSize, b.treeSize, cons.proof.map(fromHex), fromHex(a.rootHash), fromHex(b.rootHash))).toBe(true);
    const index = b.treeSize - 1;
    const inc = (await json(`${api}/inclusion?index=${index}&treeSize=${b.treeSize}`)).body;
    expect(await verifyInclusion(index, b.treeSize, fromHex(inc.leafHash), inc.proof.map(fromHex), fromHex(b.rootHash))).toBe(true);
    expect(await verifyCheckpoint(b, await fetchKey(get))).toBe(true);
  });

  it('answers bad parameters and unknown pledges with the usual error object', async () => {
    for (const path of [
      `${api}/consistency?first=5&second=2`,
      `${api}/consistency?first=x`,
      `${api}/inclusion?index=3&treeSize=3`,
      `${api}/inclusion?index=0&treeSize=99999999`,
      `${api}/entries?start=-1`,
      `${api}/checkpoints?limit=0`,
    ]) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await json('/api/pledges/nope/log/checkpoint')).status).toBe(404);
    expect((await json(`${api}/entries?start=99999999`)).body.entries).toEqual([]);
  });

  it('serves the verify page in three languages, with its script as a same-origin file', async () => {
    for (const [lang, word] of [
      ['en', 'Check the totals'],
      ['zh-Hans', '核查总数'],
      ['zh-Hant', '核查總數'],
    ] as const) {
      const res = await request(`/p/cast-2020/verify?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(word);
      expect(html).toContain('<script src="/log-verify.js" defer=""></script>');
      expect(html).toContain('npm run verify -- receipt.json --server');
    }
    expect((await request('/p/nope/verify')).status).toBe(404);
  });
});
