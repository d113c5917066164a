import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { CountsMessage, LiveCounts } from '../../../src/counts/live/LiveCounts.ts';
import { liveCounts, liveRelay, relayCount, relayFor } from '../../../src/counts/live/live.ts';
import { request } from '../../support/app.ts';
import { signAndConfirm } from '../../support/signers.ts';

// A Sec-WebSocket-Key (16 random bytes, base64) that the Worker assigns to relay `k`.
function keyFor(k: number, relays: number): string {
  for (;;) {
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    if (relayFor(new Request('http://x/', { headers: { 'sec-websocket-key': key } }), relays) === k) return key;
  }
}

async function open(key: string) {
  const res = await SELF.fetch('http://localhost:8787/api/pledges/cast-2020/live', { headers: { upgrade: 'websocket', 'sec-websocket-key': key } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: CountsMessage[] = [];
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(e.data as string));
  });
  ws.accept();
  return { ws, messages };
}

async function waitFor(test: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live counts through relays', { timeout: 60_000 }, () => {
  it('spreads sockets over the relays by a hash of the key', () => {
    const relays = relayCount(env);
    expect(relays).toBeGreaterThanOrEqual(2);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(relayFor(new Request('http://x/', { headers: { 'sec-websocket-key': keyFor(i % relays, relays) } }), relays));
    expect(seen.size).toBe(relays);
    // Same key, same relay.
    const key = keyFor(1, relays);
    expect(relayFor(new Request('http://x/', { headers: { 'sec-websocket-key': key } }), relays)).toBe(1);
  });

  it('delivers every change to every socket, whichever relay holds it', async () => {
    const relays = relayCount(env);
    // Three sockets on each of relays 0, 1 and 2.
    const used = [0, 1, 2];
    const sockets: Array<{ k: number; ws: WebSocket; messages: CountsMessage[] }> = [];
    for (const k of used) for (let i = 0; i < 3; i++) sockets.push({ k, ...(await open(keyFor(k, relays))) });
    // Each got the current counts on connect.
    await waitFor(() => sockets.every((s) => s.messages.length >= 1), 'the counts on connect');
    const before = sockets[0]!.messages[0]!.individuals;
    expect(sockets.every((s) => s.messages[0]!.individuals === before)).toBe(true);

    // The sockets really are split: each relay holds its own, the hub counts them all.
    const pledgeId = 1;
    for (const k of used) {
      expect(await runInDurableObject(liveRelay(env, pledgeId, k), (o: LiveCounts) => o.sockets())).toBe(3);
    }
    expect(await runInDurableObject(liveCounts(env, pledgeId), (o: LiveCounts) => o.sockets())).toBe(0);
    expect(await runInDurableObject(liveCounts(env, pledgeId), (o: LiveCounts) => o.connections())).toBeGreaterThanOrEqual(9);

    await signAndConfirm();
    await waitFor(() => sockets.every((s) => s.messages.some((m) => m.individuals === before + 1)), 'the new count on every socket');
    const exact = (await (await request('/api/pledges/cast-2020/counts')).json()) as { individuals: number; societies: number };
    for (const s of sockets) expect(s.messages.at(-1)).toMatchObject({ type: 'counts', individuals: exact.individuals, societies: exact.societies });

    // A socket opened on a relay that already has the counts gets them from memory,
    // and later changes reach old and new sockets alike.
    const late = await open(keyFor(1, relays));
    await waitFor(() => late.messages.length >= 1, 'the counts on a late connect');
    expect(late.messages[0]!.individuals).toBe(before + 1);
    await signAndConfirm();
    await waitFor(() => [...sockets, late].every((s) => s.messages.some((m) => m.individuals === before + 2)), 'the second change on every socket');
    for (const s of [...sockets, late]) s.ws.close();
  });

  it('drops a delivery older than the last one a relay sent', async () => {
    const relay = liveRelay(env, 1, 5);
    const { ws, messages } = await open(keyFor(5, relayCount(env)));
    await waitFor(() => messages.length >= 1, 'the counts on connect');
    const msg = (n: number) => JSON.stringify({ type: 'counts', individuals: n, societies: 171, updatedAt: n });
    expect(await relay.deliver(msg(1000), Date.now() + 60_000)).toBe(1);
    expect(await relay.deliver(msg(999), Date.now())).toBe(0);
    await waitFor(() => messages.some((m) => m.individuals === 1000), 'the newer delivery');
    await new Promise((r) => setTimeout(r, 100));
    expect(messages.at(-1)!.individuals).toBe(1000);
    ws.close();
  });
});
