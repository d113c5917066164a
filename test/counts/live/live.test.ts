import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BROADCAST_INTERVAL_MS, type CountsMessage, type LiveCounts } from '../../../src/counts/live/LiveCounts.ts';
import { liveCounts } from '../../../src/counts/live/live.ts';
import { postJson, request } from '../../support/app.ts';
import { confirm, sign, signAndConfirm } from '../../support/signers.ts';

// A WebSocket client on the live endpoint that records every message it receives.
async function connect(slug = 'cast-2020') {
  const res = await SELF.fetch(`http://localhost:8787/api/pledges/${slug}/live`, { headers: { upgrade: 'websocket' } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: CountsMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(e.data as string));
    for (const w of waiters.splice(0)) w();
  });
  ws.accept();
  // Resolves once a message from index `from` on satisfies the test (or fails after a timeout).
  const until = async (test: (m: CountsMessage) => boolean, from = 0, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    const found = () => messages.slice(from).find(test);
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return found()!;
  };
  return { ws, messages, until };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function dbCounts() {
  const res = await request('/api/pledges/cast-2020/counts');
  return (await res.json()) as { individuals: number; societies: number };
}

describe('live counts over WebSocket', { timeout: 30_000 }, () => {
  it('refuses plain requests and unknown pledges', async () => {
    expect((await request('/api/pledges/cast-2020/live')).status).toBe(426);
    const res = await SELF.fetch('http://localhost:8787/api/pledges/nope/live', { headers: { upgrade: 'websocket' } });
    expect(res.status).toBe(404);
  });

  it('sends the current counts on connect, before anything was published', async () => {
    const { ws, until } = await connect();
    const first = await until(() => true);
    expect(first).toMatchObject({ type: 'counts', societies: 171 });
    expect(first.individuals).toBe((await dbCounts()).individuals);
    ws.close();
  });

  it('delivers the new count to a connected client after a confirmation', async () => {
    const { ws, until } = await connect();
    const before = (await until(() => true)).individuals;
    await signAndConfirm();
    const update = await until((m) => m.individuals === before + 1);
    expect(update).toMatchObject({ type: 'counts', individuals: before + 1, societies: 171 });
    ws.close();
  });

  it('delivers the lower count after a withdrawal', async () => {
    const { ws, messages, until } = await connect();
    const before = (await until(() => true)).individuals;
    const { confirm: token } = await sign();
    const confirmed = (await (await postJson('/api/signatures/confirm', { token })).json()) as { withdrawToken: string };
    await until((m) => m.individuals === before + 1);
    const seen = messages.length;
    expect((await postJson('/api/signatures/withdraw', { token: confirmed.withdrawToken })).status).toBe(200);
    // Straight after the broadcast of the confirmation: the withdrawal must not be lost.
    await until((m) => m.individuals === before, seen);
    ws.close();
  });

  it('coalesces a burst of confirmations into a few messages, the last one exact', async () => {
    const { ws, messages, until } = await connect();
    const before = (await until(() => true)).individuals;
    const burst = 24;
    const tokens = [];
    for (let i = 0; i < burst; i++) tokens.push((await sign()).confirm);
    const started = Date.now();
    await Promise.all(tokens.map((t) => confirm(t)));
    await until((m) => m.individuals === before + burst);
    // Let any straggling broadcast arrive, then check nothing else came.
    await sleep(BROADCAST_INTERVAL_MS * 3);
    const elapsed = Date.now() - started;
    const updates = messages.slice(1);
    console.log(`burst of ${burst} confirmations in ${elapsed} ms -> ${updates.length} message(s)`);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(burst);
    // At most one message per interval, plus the first one straight away.
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / BROADCAST_INTERVAL_MS) + 1);
    const last = updates.at(-1)!;
    const exact = await dbCounts();
    expect(last).toMatchObject({ individuals: exact.individuals, societies: exact.societies });
    expect(last.individuals).toBe(before + burst);
    ws.close();
  });

  // Note: under the test harness the object's alarm tends to run once the stream is
  // over, so this often sees a single message; test/e2e/live.e2e.test.ts checks the
  // spacing of messages on the real runtime (wrangler dev).
  it('sends at most one message per interval during a steady stream of confirmations', async () => {
    const { ws, messages, until } = await connect();
    const before = (await until(() => true)).individuals;
    const stream = 30;
    const started = Date.now();
    for (let i = 0; i < stream; i++) await signAndConfirm();
    await until((m) => m.individuals === before + stream, 1);
    await sleep(BROADCAST_INTERVAL_MS * 3);
    const elapsed = Date.now() - started;
    const updates = messages.slice(1);
    console.log(`stream of ${stream} confirmations over ${elapsed} ms -> ${updates.length} message(s)`);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / BROADCAST_INTERVAL_MS) + 1);
    expect(updates.length).toBeLessThan(stream);
    // Counts only ever grow here, one message per value at most, the last exact.
    const values = updates.map((m) => m.individuals);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(values.at(-1)).toBe((await dbCounts()).individuals);
    ws.close();
  });

  it('sends each change once, however often the broadcast runs', async () => {
    const stub = liveCounts(env, 1);
    const { ws, messages, until } = await connect();
    await until(() => true);
    await signAndConfirm();
    // Drive the alarm directly as well: running it twice sends nothing new.
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub);
    const exact = await dbCounts();
    await until((m) => m.individuals === exact.individuals);
    await sleep(BROADCAST_INTERVAL_MS * 2);
    expect(messages.filter((m) => m.individuals === exact.individuals)).toHaveLength(1);
    expect(await runInDurableObject(stub, (instance: LiveCounts) => instance.connections())).toBeGreaterThanOrEqual(1);
    ws.close();
  });
});
