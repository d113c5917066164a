// The witness (witness/src/witness.ts, c2sp.org/tlog-witness) and the log asking it:
// two witnesses run in-process here behind their add-checkpoint URLs (the rules and
// cosignatures are the Worker's; only the Durable Object is replaced by a map). They
// cosign the log's checkpoints, refuse a fork or a rollback, and the log serves their
// cosignatures with the checkpoint note.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../src/index.ts';
import { importSigningKey } from '../../src/log/checkpoint.ts';
import { checkpointAll } from '../../src/log/log.cron.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { toBase64 } from '../../src/log/merkle.ts';
import { parseNote, parseVkey, signNote, verifyNote } from '../../src/log/note.ts';
import { checkpointText, parseCheckpointText } from '../../src/log/tlog.ts';
import { auditLog, fetchKey, verifyReceipt } from '../../src/log/verifier.ts';
import { importWitnessKey } from '../../witness/src/witness.ts';
import { get as getLogJson, receipt } from '../support/log.ts';
import { signAndConfirm } from '../support/signers.ts';
import { installWitnesses, type Witness, type Witnesses } from '../support/witnesses.ts';

const LOG_SEED = 'TpDQK9D/3P9jHKplprBhk0HOcpMPY8D7Gof+TNEEiqQ=';
let harness: Witnesses;
let witnesses: Witness[] = [];
let logVkey = '';
let LOG_WITNESSES = '';

beforeAll(async () => {
  harness = await installWitnesses();
  witnesses = harness.list;
  logVkey = harness.logVkey;
  LOG_WITNESSES = harness.config;
});
afterAll(() => vi.restoreAllMocks());

async function get(path: string, vars: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.request(`http://localhost:8787${path}`, {}, { ...env, LOG_WITNESSES, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const submit = (w: Witness, body: string) => fetch(`${w.url}/add-checkpoint`, { method: 'POST', body });

describe('witnesses', () => {
  it('cosign each new checkpoint; the log serves the note with their timestamped cosignatures', async () => {
    await signAndConfirm();
    const verifiers = [await parseVkey(logVkey), ...(await Promise.all(witnesses.map((w) => parseVkey(w.key.vkey))))];
    const first = parseNote(await (await get('/log/cast-2020/checkpoint')).text());
    const ok = await verifyNote(first, verifiers);
    expect(ok.ok).toBe(true);
    expect(ok.verified.map((v) => v.verifier.name).sort()).toEqual(['localhost:8787/log', 'w1.witness.test/pledge', 'w2.witness.test/pledge']);
    for (const v of ok.verified.filter((x) => x.verifier.type === 0x04)) expect(Math.abs(v.time! - Date.now() / 1000)).toBeLessThan(60);

    // The log grows: the witnesses check the consistency proof from the size they hold.
    const size1 = parseCheckpointText(first.text).size;
    await signAndConfirm();
    await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now() + 60_000, minIntervalMs: 0 });
    const second = parseNote(await (await get('/log/cast-2020/checkpoint')).text());
    expect(parseCheckpointText(second.text).size).toBeGreaterThan(size1);
    expect((await verifyNote(second, verifiers)).verified).toHaveLength(3);
    for (const w of witnesses) expect(w.state.get('localhost:8787/log/cast-2020')!.size).toBe(parseCheckpointText(second.text).size);
  });

  it("refuse a fork, a rollback, an unknown log and a bad signature, with the spec's status codes", async () => {
    const w = witnesses[0]!;
    const held = w.state.get('localhost:8787/log/cast-2020')!;
    const key = await importSigningKey(LOG_SEED);
    const pub = Uint8Array.from(atob(key.info.publicKey), (ch) => ch.charCodeAt(0));
    const sign = (origin: string, size: number, root: Uint8Array) => signNote(checkpointText({ origin, size, root: root as never }), 'localhost:8787/log', key.privateKey, pub);
    const forkedRoot = crypto.getRandomValues(new Uint8Array(32));

    // A fork at the same size: another root.
    const same = await submit(w, `old ${held.size}\n\n${await sign('localhost:8787/log/cast-2020', held.size, forkedRoot)}`);
    expect(same.status).toBe(422);
    // A fork at a larger size: the proof cannot verify.
    const bigger = await submit(
      w,
      `old ${held.size}\n${toBase64(crypto.getRandomValues(new Uint8Array(32)))}\n\n${await sign('localhost:8787/log/cast-2020', held.size + 5, forkedRoot)}`,
    );
    expect(bigger.status).toBe(422);
    // A rollback: an older size than the one the witness holds.
    const older = await submit(w, `old 0\n\n${await sign('localhost:8787/log/cast-2020', held.size - 1, forkedRoot)}`);
    expect(older.status).toBe(409);
    expect(older.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await older.text()).toBe(`${held.size}\n`);
    expect((await submit(w, `old ${held.size + 1}\n\n${await sign('localhost:8787/log/cast-2020', held.size, forkedRoot)}`)).status).toBe(400);
    // Unknown origin; a signature by another key under the log's name.
    expect((await submit(w, `old 0\n\n${await sign('elsewhere.example/log/x', 1, forkedRoot)}`)).status).toBe(404);
    const other = await importSigningKey(btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))));
    const forged = await signNote(
      checkpointText({ origin: 'localhost:8787/log/cast-2020', size: held.size + 1, root: forkedRoot as never }),
      'localhost:8787/log',
      other.privateKey,
      pub,
    );
    expect((await submit(w, `old ${held.size}\n\n${forged}`)).status).toBe(403);
    expect((await submit(w, 'garbage')).status).toBe(400);
    // Nothing of this changed what the witness holds.
    expect(w.state.get('localhost:8787/log/cast-2020')).toEqual(held);
  });

  it('a log that forked is not cosigned: the checkpoint note then lacks the witnesses', async () => {
    // The witness holds a larger tree than the log now claims (as after a rollback).
    const w = witnesses[1]!;
    const held = w.state.get('localhost:8787/log/cast-2020')!;
    w.state.set('localhost:8787/log/cast-2020', { ...held, size: held.size + 1000 });
    await signAndConfirm();
    await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now() + 120_000, minIntervalMs: 0 });
    const note = parseNote(await (await get('/log/cast-2020/checkpoint')).text());
    const names = (await verifyNote(note, [await parseVkey(logVkey), ...(await Promise.all(witnesses.map((x) => parseVkey(x.key.vkey))))])).verified.map((v) => v.verifier.name);
    expect(names).toContain('w1.witness.test/pledge');
    expect(names).not.toContain('w2.witness.test/pledge');
  });

  it('the verifier requires a quorum of known witnesses on the checkpoint note', async () => {
    // After the previous test only w1 cosigned the latest tree.
    const t = await signAndConfirm();
    await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: Date.now() + 180_000, minIntervalMs: 0 });
    await get('/log/cast-2020/checkpoint');
    const r = await receipt(t.confirm);
    const getJson = async (path: string) => (await get(path)).json();
    const getText = async (path: string) => (await get(path)).text();
    const vkeys = witnesses.map((w) => w.key.vkey);
    const one = await verifyReceipt(r, { get: getJson, getText, witnesses: { vkeys, quorum: 1 } });
    expect(one.checks.filter((c) => !c.ok)).toEqual([]);
    const two = await verifyReceipt(r, { get: getJson, getText, witnesses: { vkeys, quorum: 2 } });
    expect(two.ok).toBe(false);
    expect(two.checks.find((c) => !c.ok)?.name).toBe('cosigned by at least 2 of 2 known witnesses');
    // A witness the signer does not know does not count, even if its line is there.
    const stranger = await importWitnessKey(btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))), 'w1.witness.test/pledge');
    expect((await verifyReceipt(r, { get: getJson, getText, witnesses: { vkeys: [stranger.vkey], quorum: 1 } })).ok).toBe(false);
  });

  it('an idle log gets a fresh checkpoint every Cron run, and the witnesses cosign it again', async () => {
    const origin = 'localhost:8787/log/cast-2020';
    // The previous test left w2 holding a bigger tree; give it back the honest state.
    witnesses[1]!.state.set(origin, structuredClone(witnesses[0]!.state.get(origin)!));
    const t = await signAndConfirm();
    const cronEnv = { ...env, LOG_WITNESSES };
    // (Earlier tests signed checkpoints up to three minutes ahead of the clock.)
    const start = Date.now() + 240_000;
    await checkpointAll(cronEnv, start);
    const r = await receipt(t.confirm);
    const rows = async () =>
      (
        await env.DB.prepare('SELECT tree_size AS size, root_hash AS root, timestamp, signature FROM log_checkpoints WHERE pledge_id = 1 ORDER BY tree_size, timestamp').all<{
          size: number;
          root: string;
          timestamp: number;
          signature: string;
        }>()
      ).results;
    const before = await rows();
    const a = before.at(-1)!;
    expect(a.timestamp).toBe(start);
    expect(r.checkpoint.timestamp).toBe(start);
    const noteBefore = await (await get('/log/cast-2020/checkpoint')).text();
    const cosignTimes = async (note: string) => {
      const v = await verifyNote(parseNote(note), await Promise.all([logVkey, ...witnesses.map((w) => w.key.vkey)].map((k) => parseVkey(k))));
      expect(v.ok).toBe(true);
      return v.verified.filter((x) => x.verifier.type === 0x04).map((x) => x.time!);
    };
    const timesBefore = await cosignTimes(noteBefore);
    expect(timesBefore).toHaveLength(2);

    // A run a moment later signs nothing new.
    await checkpointAll(cronEnv, start + 30_000);
    expect(await rows()).toEqual(before);

    // Fifteen minutes later, the log still idle: a new checkpoint of the same tree with a
    // new time, and both witnesses cosign the same size again, with their new time.
    harness.clock.offsetMs = 15 * 60_000 + 240_000;
    await checkpointAll(cronEnv, start + 15 * 60_000);
    const after = await rows();
    expect(after).toHaveLength(before.length + 1);
    const b = after.at(-1)!;
    expect(b).toMatchObject({ size: a.size, root: a.root, timestamp: start + 15 * 60_000 });
    expect(b.signature).not.toBe(a.signature);
    expect(after.slice(0, -1)).toEqual(before);
    const cosigned = await env.DB.prepare('SELECT witness, count(*) AS n FROM log_cosignatures WHERE pledge_id = 1 AND tree_size = ?1 GROUP BY witness')
      .bind(a.size)
      .all<{ n: number }>();
    expect(cosigned.results.map((x) => x.n)).toEqual([2, 2]);
    const noteAfter = await (await get('/log/cast-2020/checkpoint')).text();
    // The signed note itself is the same (it has no time); its cosignatures are newer.
    expect(parseNote(noteAfter).text).toBe(parseNote(noteBefore).text);
    expect(noteAfter.split('\n\n')[1]!.split('\n')[0]).toBe(noteBefore.split('\n\n')[1]!.split('\n')[0]);
    const timesAfter = await cosignTimes(noteAfter);
    for (const [i, time] of timesAfter.entries()) expect(time).toBeGreaterThanOrEqual(timesBefore[i]! + 15 * 60);
    for (const w of witnesses) expect(w.state.get(origin)!.size).toBe(a.size);

    // The JSON API serves the fresh one; the history lists the size once; the checkpoint
    // signed before and the receipt proven against it still verify.
    const latest = (await (await get('/api/pledges/cast-2020/log/checkpoint')).json()) as { timestamp: number; treeSize: number };
    expect(latest).toMatchObject({ treeSize: a.size, timestamp: b.timestamp });
    const history = (await (await get(`/api/pledges/cast-2020/log/checkpoints?before=${a.size + 1}&limit=5`)).json()) as { checkpoints: Array<{ treeSize: number }> };
    expect(history.checkpoints.filter((c) => c.treeSize === a.size)).toHaveLength(1);
    const audit = await auditLog(getLogJson, 'cast-2020', await fetchKey(getLogJson), { known: [r.checkpoint] });
    expect(audit.checks.filter((c) => !c.ok)).toEqual([]);
    const getJson = async (path: string) => (await get(path)).json();
    const getText = async (path: string) => (await get(path)).text();
    const checked = await verifyReceipt(r, { get: getJson, getText, witnesses: { vkeys: witnesses.map((w) => w.key.vkey), quorum: 2 } });
    expect(checked.checks.filter((c) => !c.ok)).toEqual([]);
    harness.clock.offsetMs = 0;
  });
});
