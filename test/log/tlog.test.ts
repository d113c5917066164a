// The log in the C2SP formats: the checkpoint and counts as signed notes, the verifier
// key, tiles and entry bundles from which a client rebuilds the signed root, CORS, and
// the refusal of the published development key on a public site.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/index.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { leafHash, merkleRoot, toBase64, toHex } from '../../src/log/merkle.ts';
import { parseNote, parseVkey, verifyNote } from '../../src/log/note.ts';
import { decodeBundle, encodeTileIndex, parseCheckpointText, parseCountsText, parseTilePath, splitHashes } from '../../src/log/tlog.ts';
import { json, request } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

const DEV_KEY = 'uMfeZCxxXPz5q6F0bc+jrL32Sq4DHM0EYGYlQsA62tQ=';

async function note(path: string) {
  const res = await request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  return res.text();
}

async function bytes(path: string) {
  const res = await request(path);
  return { status: res.status, res, body: new Uint8Array(await res.arrayBuffer()) };
}

// Confirmed signatures straight into the table (the triggers append their log entries).
async function addConfirmed(n: number) {
  await env.DB.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
     INSERT INTO signatures (pledge_id, lang, text_version, state, name, email, email_key, field, region, confirmed_at, created_at)
     SELECT 1, 'en', 'v', 'confirmed', 'Bulk ' || i, 'bulk-' || i || '-' || ?2 || '@example.org', 'bulk-' || i || '-' || ?2 || '@example.org', 'science', 'CN-BJ', ?3, ?3 FROM k`,
  )
    .bind(n, crypto.randomUUID(), Date.now())
    .run();
}

describe('signed-note checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('serves the checkpoint as a note signed by the published vkey, with origin <host>/log/<slug>', async () => {
    await signAndConfirm();
    const key = await json('/.well-known/pledge-log-key');
    expect(key.body.vkey).toMatch(/^localhost:8787\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.any(String), publicKey: expect.any(String) });
    const verifier = await parseVkey(key.body.vkey);
    expect(toBase64(verifier.publicKey)).toBe(key.body.publicKey);

    const text = await note('/log/cast-2020/checkpoint');
    const parsed = parseNote(text);
    expect((await verifyNote(parsed, [verifier])).ok).toBe(true);
    const body = parseCheckpointText(parsed.text);
    expect(body.origin).toBe('localhost:8787/log/cast-2020');
    expect(body.extensions).toEqual([]);
    const json_ = (await json('/api/pledges/cast-2020/log/checkpoint')).body;
    expect(body.size).toBe(json_.treeSize);
    expect(toHex(body.root)).toBe(json_.rootHash);

    // A changed byte fails; the counts note is signed by the same key and names this tree.
    expect((await verifyNote(parseNote(text.replace(`\n${body.size}\n`, `\n${body.size + 1}\n`)), [verifier])).ok).toBe(false);
    const counts = parseNote(await note('/log/cast-2020/counts'));
    expect((await verifyNote(counts, [verifier])).ok).toBe(true);
    const c = parseCountsText(counts.text);
    expect(c).toMatchObject({ origin: body.origin, size: body.size, individuals: json_.individuals, societies: json_.societies });
    expect(toHex(c.root)).toBe(json_.rootHash);
    expect(() => parseCheckpointText(counts.text)).toThrow();
  });

  it('answers CORS on the JSON log API, the key and the notes; 404 for an unknown pledge', async () => {
    for (const path of ['/api/pledges/cast-2020/log/checkpoint', '/.well-known/pledge-log-key', '/log/cast-2020/checkpoint']) {
      const res = await request(path, { headers: { origin: 'https://monitor.example' } });
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const pre = await request('/log/cast-2020/tile/0/000', { method: 'OPTIONS', headers: { origin: 'https://monitor.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect((await request('/log/no-such-pledge/checkpoint')).status).toBe(404);
  });
});

describe('tiles (c2sp.org/tlog-tiles)', () => {
  it('encodes tile indices in 3-digit groups and parses only that encoding', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(parseTilePath('0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('entries/001.p/7')).toEqual({ level: 'entries', index: 1, width: 7 });
    for (const bad of ['0/1', '0/x000/001', '64/000', '0/000.p/0', '0/000.p/256', '00/000', '0/000.p/01']) expect(parseTilePath(bad), bad).toBeNull();
  });

  it('rebuilds the signed root from tiles and entry bundles; full tiles are immutable, partial ones short-lived', async () => {
    await addConfirmed(300);
    await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now(), minIntervalMs: 0, budget: 10_000 });
    const verifier = await parseVkey((await json('/.well-known/pledge-log-key')).body.vkey);
    const cp = parseNote(await note('/log/cast-2020/checkpoint'));
    expect((await verifyNote(cp, [verifier])).ok).toBe(true);
    const { size, root } = parseCheckpointText(cp.text);
    expect(size).toBeGreaterThan(256);

    const leaves: Uint8Array[] = [];
    for (let n = 0; n * 256 < size; n++) {
      const width = Math.min(256, size - n * 256);
      const suffix = width < 256 ? `.p/${width}` : '';
      const t = await bytes(`/log/cast-2020/tile/0/${encodeTileIndex(n)}${suffix}`);
      expect(t.status).toBe(200);
      expect(t.res.headers.get('content-type')).toBe('application/octet-stream');
      expect(t.res.headers.get('access-control-allow-origin')).toBe('*');
      expect(t.res.headers.get('cache-control')).toBe(width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=10');
      const hashes = splitHashes(t.body);
      expect(hashes).toHaveLength(width);
      // Each entry of the bundle hashes to the leaf hash at its place in the tile.
      const bundle = await bytes(`/log/cast-2020/tile/entries/${encodeTileIndex(n)}${suffix}`);
      const entries = decodeBundle(bundle.body);
      expect(entries).toHaveLength(width);
      for (let i = 0; i < width; i++) expect(toHex(await leafHash(entries[i]!))).toBe(toHex(hashes[i]!));
      expect(JSON.parse(new TextDecoder().decode(entries[0]))).toMatchObject({ v: 1, pledge: 'cast-2020', seq: n * 256 });
      leaves.push(...hashes);
    }
    expect(toHex(await merkleRoot(leaves as any))).toBe(toHex(root));

    // Beyond the log, a wrong width, or a malformed path.
    expect((await bytes(`/log/cast-2020/tile/0/${encodeTileIndex(Math.ceil(size / 256) + 1)}`)).status).toBe(404);
    expect((await bytes(`/log/cast-2020/tile/0/000.p/5`)).status).toBe(200);
    expect((await bytes(`/log/cast-2020/tile/1/000`)).status).toBe(404);
    expect((await bytes(`/log/cast-2020/tile/0/1`)).status).toBe(400);
  });
});

describe('the published development key', () => {
  async function withEnv(path: string, vars: Record<string, string>) {
    const ctx = createExecutionContext();
    const res = await app.request(`http://localhost:8787${path}`, {}, { ...env, ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it('signs nothing outside localhost, and /healthz says why', async () => {
    const pub = { PUBLIC_URL: 'https://pledge.example.org', LOG_SIGNING_KEY: DEV_KEY };
    const health = await withEnv('/healthz', pub);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { problems: string[] }).problems[0]).toMatch(/published development key/);
    const before = await env.DB.prepare('SELECT count(*) AS n FROM log_checkpoints').first<number>('n');
    await signAndConfirm();
    for (const path of ['/log/cast-2020/checkpoint', '/api/pledges/cast-2020/log/checkpoint', '/.well-known/pledge-log-key']) {
      expect((await withEnv(path, pub)).status, path).toBe(503);
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM log_checkpoints').first<number>('n')).toBe(before);
    // The test configuration's key is published too.
    expect((await withEnv('/log/cast-2020/checkpoint', { PUBLIC_URL: 'https://pledge.example.org' })).status).toBe(503);
    // On localhost the development key signs, and the log is healthy.
    expect((await withEnv('/healthz', { PUBLIC_URL: 'http://127.0.0.1:8787', LOG_SIGNING_KEY: DEV_KEY })).status).toBe(200);
    const own = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    expect((await withEnv('/healthz', { PUBLIC_URL: 'https://pledge.example.org', LOG_SIGNING_KEY: own })).status).toBe(200);
    expect((await withEnv('/log/cast-2020/checkpoint', { PUBLIC_URL: 'https://pledge.example.org', LOG_SIGNING_KEY: own })).status).toBe(200);
  });
});
