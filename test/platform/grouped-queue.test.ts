import { describe, expect, it } from 'vitest';
import { GroupedQueue } from '../../src/platform/grouped-queue.ts';

// A queue binding that records each call (a sendBatch as its bodies) and can hold the
// next call at a gate, or refuse it: so the test decides what arrives while a round is out.
function recordingQueue() {
  const calls: { kind: 'send' | 'sendBatch'; bodies: unknown[]; contentTypes: (string | undefined)[] }[] = [];
  const gates: (() => void)[] = [];
  let hold = 0;
  let refuse: (body: unknown) => boolean = () => false;
  const gate = async () => {
    if (hold > 0) {
      hold -= 1;
      await new Promise<void>((open) => gates.push(open));
    }
  };
  const queue = {
    async send(body: unknown, options?: { contentType?: string }) {
      calls.push({ kind: 'send', bodies: [body], contentTypes: [options?.contentType] });
      await gate();
      if (refuse(body)) throw new Error('queue refused');
    },
    async sendBatch(messages: { body: unknown; contentType?: string }[]) {
      calls.push({ kind: 'sendBatch', bodies: messages.map((m) => m.body), contentTypes: messages.map((m) => m.contentType) });
      await gate();
      if (messages.some((m) => refuse(m.body))) throw new Error('queue refused the batch');
    },
  } as unknown as Queue<unknown>;
  return {
    queue,
    calls,
    holdNext: () => (hold += 1),
    open: () => gates.shift()?.(),
    refuseWhen: (f: (body: unknown) => boolean) => (refuse = f),
  };
}

const settled = () => new Promise((r) => setTimeout(r, 20));

describe('grouped queue sends', () => {
  it('sends at once when nothing is out; what arrives meanwhile goes in one sendBatch, in order, as JSON', async () => {
    const q = recordingQueue();
    const grouped = new GroupedQueue<unknown>();
    q.holdNext();
    const first = grouped.send(q.queue, { n: 0 });
    await settled();
    const rest = [1, 2, 3].map((n) => grouped.send(q.queue, { n }));
    await settled();
    expect(q.calls).toEqual([{ kind: 'send', bodies: [{ n: 0 }], contentTypes: ['json'] }]);
    q.open();
    await first;
    await Promise.all(rest);
    expect(q.calls[1]).toEqual({ kind: 'sendBatch', bodies: [{ n: 1 }, { n: 2 }, { n: 3 }], contentTypes: ['json', 'json', 'json'] });
    expect(q.calls).toHaveLength(2);
  });

  it('a refused batch is sent again message by message: only the refused message fails its caller', async () => {
    const q = recordingQueue();
    const grouped = new GroupedQueue<unknown>();
    q.refuseWhen((body) => (body as { n: number }).n === 2);
    q.holdNext();
    const first = grouped.send(q.queue, { n: 0 });
    await settled();
    const rest = [1, 2, 3].map((n) => grouped.send(q.queue, { n }));
    q.open();
    await first;
    const outcomes = await Promise.allSettled(rest);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const calls = q.calls.map((c) => `${c.kind} ${c.bodies.map((b) => (b as { n: number }).n).join(',')}`);
    expect(calls.slice(0, 2)).toEqual(['send 0', 'sendBatch 1,2,3']);
    // Then each of the batch's messages alone (in whatever order their callers resume).
    expect(calls.slice(2).sort()).toEqual(['send 1', 'send 2', 'send 3']);
  });

  it('never sends one binding’s message through another’s', async () => {
    const a = recordingQueue();
    const b = recordingQueue();
    const grouped = new GroupedQueue<unknown>();
    a.holdNext();
    const first = grouped.send(a.queue, 'a0');
    await settled();
    // Another binding does not wait behind a's round, nor join a's next one.
    await grouped.send(b.queue, 'b0');
    const more = [grouped.send(a.queue, 'a1'), grouped.send(b.queue, 'b1')];
    a.open();
    await Promise.all([first, ...more]);
    expect(a.calls.flatMap((c) => c.bodies)).toEqual(['a0', 'a1']);
    expect(b.calls.flatMap((c) => c.bodies)).toEqual(['b0', 'b1']);
  });
});
