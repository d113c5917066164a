// The monitor (src/log/monitor.ts, `npm run monitor`) against the app and against
// tampered copies of it: a fork, a rollback, a bad signature, a missing witness quorum, a
// count mismatch and a changed entry each stop it with a clear message.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { importSigningKey } from '../../src/log/checkpoint.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { type MonitorState, monitorOnce } from '../../src/log/monitor.ts';
import { parseNote, signNote } from '../../src/log/note.ts';
import { countsText, parseCountsText } from '../../src/log/tlog.ts';
import { importWitnessKey } from '../../witness/src/witness.ts';
import { request } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

const TEST_SEED = 'TpDQK9D/3P9jHKplprBhk0HOcpMPY8D7Gof+TNEEiqQ=';
let clock = Date.now() + 30 * 60_000;
const grow = async () => {
  await signAndConfirm();
  clock += 1_000;
  await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: clock, minIntervalMs: 0 });
};

async function ok(path: string) {
  const res = await request(path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res;
}

function io(change: { text?: (path: string, body: string) => string | Promise<string>; bytes?: (path: string, body: Uint8Array) => Uint8Array } = {}) {
  return {
    get: async (p: string) => (await ok(p)).json(),
    getText: async (p: string) => (change.text ? change.text(p, await (await ok(p)).text()) : (await ok(p)).text()),
    getBytes: async (p: string) => {
      const b = new Uint8Array(await (await ok(p)).arrayBuffer());
      return change.bytes ? change.bytes(p, b) : b;
    },
  };
}

describe('the monitor', () => {
  it('follows an honest log: each new checkpoint consistent with the last, counts re-derived', async () => {
    await grow();
    const first = await monitorOnce(io(), 'cast-2020', null);
    expect(first).toMatchObject({ ok: true });
    const counts = (await (await request('/api/pledges/cast-2020/counts')).json()) as { individuals: number; societies: number };
    expect(first.state).toMatchObject({ individuals: counts.individuals, societies: counts.societies });
    await grow();
    const second = await monitorOnce(io(), 'cast-2020', first.state!);
    expect(second.ok).toBe(true);
    expect(second.state!.size).toBeGreaterThan(first.state!.size);
    // Nothing new: still fine.
    expect((await monitorOnce(io(), 'cast-2020', second.state!)).ok).toBe(true);
  });

  it('stops on a rollback, a fork, a bad signature, a changed entry and a changed key', async () => {
    await grow();
    const now = (await monitorOnce(io(), 'cast-2020', null)).state!;
    const ahead: MonitorState = { ...now, size: now.size + 10 };
    expect((await monitorOnce(io(), 'cast-2020', ahead)).problem).toMatch(/^rollback/);
    const otherRoot: MonitorState = { ...now, root: '00'.repeat(32) };
    expect((await monitorOnce(io(), 'cast-2020', otherRoot)).problem).toMatch(/^fork: two roots/);
    const earlier: MonitorState = { ...now, size: now.size - 1, root: '11'.repeat(32) };
    expect((await monitorOnce(io(), 'cast-2020', earlier)).problem).toMatch(/^fork: no valid consistency proof/);
    const badSig = io({ text: (p, b) => (p.endsWith('/checkpoint') ? b.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`) : b) });
    expect((await monitorOnce(badSig, 'cast-2020', now)).problem).toMatch(/^bad signature on the checkpoint/);
    const changedEntry = io({ bytes: (p, b) => (p.includes('/tile/entries/000') ? b.map((x, i) => (i === 40 ? x ^ 1 : x)) : b) });
    expect((await monitorOnce(changedEntry, 'cast-2020', null)).problem).toMatch(/entry|root/);
    expect((await monitorOnce(io(), 'cast-2020', { ...now, vkey: 'x+00000000+AQ' })).problem).toMatch(/^the log key changed/);
  });

  it('stops on a count mismatch signed by the log, and on a missing witness quorum', async () => {
    await grow();
    const key = await importSigningKey(TEST_SEED);
    const pub = Uint8Array.from(atob(key.info.publicKey), (ch) => ch.charCodeAt(0));
    // The log's own key signs counts that the entries do not give.
    const lying = io({
      text: async (p, b) => {
        if (!p.endsWith('/counts')) return b;
        const c = parseCountsText(parseNote(b).text);
        return signNote(countsText({ ...c, individuals: c.individuals + 1 }), 'localhost:8787/log', key.privateKey, pub);
      },
    });
    expect((await monitorOnce(lying, 'cast-2020', null)).problem).toMatch(/^count mismatch: signed \d+ individuals/);
    const witness = await importWitnessKey(btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))), 'w.monitor.test/x');
    expect((await monitorOnce(io(), 'cast-2020', null, { witnesses: { vkeys: [witness.vkey], quorum: 1 } })).problem).toMatch(/^missing witness quorum: 0 of the required 1/);
  });
});
