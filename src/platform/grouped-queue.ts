import { type KeepAlive, Rounds } from './rounds.ts';

// Queue sends on a hot path (signing) in rounds (src/platform/rounds.ts): messages that
// arrive while another request's sendBatch is out go together in the next one. A send
// resolves once its own message is in the queue. One round keeper per queue binding, so
// a caller with another binding (a test's) never sends through someone else's. At most
// 50 messages a round (sendBatch takes 100 and 256 KB; a signature is a few hundred bytes).
export class GroupedQueue<T> {
  private readonly byQueue = new WeakMap<Queue<T>, Rounds<Queue<T>, T, void>>();

  send(queue: Queue<T>, body: T, keepAlive?: KeepAlive): Promise<void> {
    let rounds = this.byQueue.get(queue);
    if (!rounds) {
      rounds = new Rounds<Queue<T>, T, void>(
        async (q, bodies) => {
          await q.sendBatch(bodies.map((b) => ({ body: b, contentType: 'json' as const })));
          return bodies.map(() => undefined);
        },
        async (q, b) => {
          await q.send(b, { contentType: 'json' });
        },
      );
      this.byQueue.set(queue, rounds);
    }
    return rounds.send(queue, body, keepAlive);
  }
}
