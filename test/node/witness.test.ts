// Two real witnesses (witness/, the Worker with its Durable Object, under wrangler dev on
// free ports) next to the running app: the app's checkpoint notes are submitted to them
// as the log submits them (c2sp.org/tlog-witness); they cosign, follow the log as it
// grows, and refuse a rollback and a fork with the spec's status codes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningWitness, startWitness } from '../../scripts/witness-server.ts';
import { fromHex, toBase64 } from '../../src/log/merkle.ts';
import { parseNote, parseVkey, verifyNote } from '../../src/log/note.ts';
import { parseCheckpointText } from '../../src/log/tlog.ts';

type Running = RunningWitness;
const witnesses: Running[] = [];
let base = '';

beforeAll(async () => {
  base = inject('baseURL').replace(/\/$/, '');
  const { vkey } = (await (await fetch(`${base}/.well-known/pledge-log-key`)).json()) as { vkey: string };
  const origin = parseCheckpointText(parseNote(await (await fetch(`${base}/log/cast-2020/checkpoint`)).text()).text).origin;
  const seeds = ['AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', 'ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A='];
  witnesses.push(...(await Promise.all(seeds.map((seed, i) => startWitness({ name: `w${i + 1}.test/pledge`, seed, logs: [{ origin, vkey }] })))));
}, 600_000);

afterAll(() => {
  for (const w of witnesses) w.stop();
});

async function submit(w: Running, old: number, size: number, note: string) {
  const proof =
    old > 0 && old < size ? ((await (await fetch(`${base}/api/pledges/cast-2020/log/consistency?first=${old}&second=${size}`)).json()) as { proof: string[] }).proof : [];
  return fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: `old ${old}\n${proof.map((h) => `${toBase64(fromHex(h))}\n`).join('')}\n${note}` });
}

async function latestNote() {
  const text = await (await fetch(`${base}/log/cast-2020/checkpoint`)).text();
  const note = parseNote(text);
  // The log's own signature only (the first line), as the log submits it.
  return { note: `${note.text}\n${text.slice(note.text.length + 1).split('\n')[0]}\n`, size: parseCheckpointText(note.text).size, text: note.text };
}

async function signAndConfirm() {
  const email = `witness-${crypto.randomUUID().slice(0, 8)}@example.org`;
  await fetch(`${base}/api/pledges/cast-2020/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'W', email, affiliation: 'Lab', field: 'science', region: 'CN-BJ' }),
  });
  // Signatures and mail go through queues: the mail reaches the outbox within a second or two.
  let token: string | undefined;
  for (let i = 0; i < 80 && !token; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    const outbox = (await (await fetch(`${base}/dev/outbox?limit=1000`)).json()) as Array<{ to: string; text: string }>;
    token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(outbox.find((m) => m.to === email)?.text ?? '')?.[1];
  }
  await fetch(`${base}/api/signatures/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  // A receipt makes the log sign a checkpoint that covers the new entry.
  await fetch(`${base}/api/signatures/receipt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
}

describe('two witnesses under wrangler dev', () => {
  it('cosign the log, follow it as it grows, refuse a rollback and a fork', async () => {
    const first = await latestNote();
    for (const w of witnesses) {
      // An old size above the checkpoint's is a bad request; then the first cosignature.
      const stale = await submit(w, first.size + 1, first.size, first.note);
      expect(stale.status).toBe(400);
      const res = await submit(w, 0, first.size, first.note);
      expect(res.status).toBe(200);
      const line = await res.text();
      const ok = await verifyNote(parseNote(`${first.text}\n${line}`), [await parseVkey(w.vkey)]);
      expect(ok.ok).toBe(true);
      expect(Math.abs(ok.verified[0]!.time! - Date.now() / 1000)).toBeLessThan(120);
    }
    await signAndConfirm();
    const second = await latestNote();
    expect(second.size).toBeGreaterThan(first.size);
    const w = witnesses[0]!;
    const rollback = await submit(w, 0, first.size, first.note);
    expect(rollback.status).toBe(409);
    expect(rollback.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await rollback.text()).toBe(`${first.size}\n`);
    expect((await submit(w, first.size, second.size, second.note)).status).toBe(200);
    // A stale old size after the witness moved on: 409; a fork (a bogus proof): 422.
    const forged = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: `old ${first.size}\n${toBase64(new Uint8Array(32))}\n\n${second.note}` });
    expect(forged.status).toBe(409);
    const other = witnesses[1]!;
    const fork = await fetch(`${other.url}/add-checkpoint`, { method: 'POST', body: `old ${first.size}\n${toBase64(new Uint8Array(32))}\n\n${second.note}` });
    expect(fork.status).toBe(422);
    // The monitoring endpoint serves what the witness cosigned.
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parseCheckpointText(second.text).origin)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(await (await fetch(`${w.url}/${hash}/checkpoint`)).text()).toContain(second.text);
  });
});
