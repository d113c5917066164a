// Rounds across concurrent requests (issue 14): a hot write (a confirmation's D1
// statement, a signature's queue message) waits while another request's round is out,
// then goes with every other one that arrived meanwhile as ONE call: one D1 batch (one
// transaction), one queue sendBatch. With nothing out, a write goes at once and alone,
// so a quiet site pays no delay; under a burst, 32 concurrent writes cost a handful of
// calls instead of 32. Each caller still waits for its own write: a 200 or a 202 means
// it is committed (in D1, in the queue).
//
// A round keeps arrival order (D1 runs a batch's statements one after another in one
// transaction, so each sees the ones before it, as if they had run alone in that
// order). A round that fails is retried item by item, each by its own caller, so one
// caller's error is never another's.
//
// Workers tie I/O to the request that started it, so a round is sent from the context
// of one of its own callers (the leader), which waits for it anyway, and registers it
// with its waitUntil so a client hanging up does not cut it. Every caller waits on a
// promise of its own, which the leader settles; the runtime runs each continuation in
// its own request (the compatibility flag handle_cross_request_promise_resolution, on
// for compatibility dates from 2024-10-14; ours is later. The workers test pool turns it
// off, so test/e2e/concurrent-writes.test.ts checks this on the real server).
// When its round is done the leader hands the lead to the first caller waiting. If a
// leader never finishes (its request was cancelled some other way), the next caller
// after `stallMs` takes over and the stalled round's callers retry alone: items sent in
// rounds must be safe to send again after a commit nobody saw (confirm's UPDATE is
// guarded by the row's state; the signature consumer ignores a repeated message).
export type KeepAlive = (work: Promise<unknown>) => void;

type Outcome<O> = { kind: 'lead' } | { kind: 'done'; value: O } | { kind: 'alone' };
type Caller<I, O> = { item: I; settle: (o: Outcome<O>) => void };

export type RoundStats = { rounds: number; items: number };

export type RoundOptions = { maxRound?: number; stallMs?: number; now?: () => number };

export class Rounds<B, I, O> {
  readonly stats: RoundStats = { rounds: 0, items: 0 };
  private waiting: Caller<I, O>[] = [];
  private out: Caller<I, O>[] = [];
  private busy = false;
  private generation = 0;
  private since = 0;
  private readonly maxRound: number;
  private readonly stallMs: number;
  private readonly now: () => number;

  // `together` sends a round of two or more through the leader's binding and returns
  // one result per item, in order; `alone` sends one item.
  constructor(
    private readonly together: (via: B, items: I[]) => Promise<O[]>,
    private readonly alone: (via: B, item: I) => Promise<O>,
    options: RoundOptions = {},
  ) {
    ({ maxRound: this.maxRound = 50, stallMs: this.stallMs = 5_000, now: this.now = Date.now } = options);
  }

  async send(via: B, item: I, keepAlive?: KeepAlive): Promise<O> {
    let settle!: (o: Outcome<O>) => void;
    const outcome = new Promise<Outcome<O>>((resolve) => (settle = resolve));
    const me: Caller<I, O> = { item, settle };
    this.waiting.push(me);
    if (!this.busy) {
      this.busy = true;
      this.since = this.now();
      settle({ kind: 'lead' });
    } else if (this.now() - this.since > this.stallMs) {
      // The round out has not come back for too long: its callers retry alone, and this
      // caller leads from here (a late answer from that round changes nothing below).
      for (const c of this.out) c.settle({ kind: 'alone' });
      this.waiting = [me, ...this.waiting.filter((c) => c !== me)];
      settle({ kind: 'lead' });
    }
    const o = await outcome;
    if (o.kind === 'done') return o.value;
    if (o.kind === 'alone') return this.alone(via, item);
    return this.lead(via, me, keepAlive);
  }

  // Sends the next round, whose first caller is `me`, and returns `me`'s result.
  private async lead(via: B, me: Caller<I, O>, keepAlive?: KeepAlive): Promise<O> {
    const generation = ++this.generation;
    this.since = this.now();
    const round = this.waiting.splice(0, this.maxRound);
    this.out = round;
    this.stats.rounds += 1;
    this.stats.items += round.length;
    const work = (async (): Promise<{ ok: true; value: O } | { ok: false }> => {
      try {
        // A round of one is the plain call, and its error is its caller's.
        if (round.length === 1) return { ok: true, value: await this.alone(via, me.item) };
        const items = round.map((c) => c.item);
        const values = await this.together(via, items);
        round.forEach((c, i) => {
          if (c !== me) c.settle({ kind: 'done', value: values[i] as O });
        });
        return { ok: true, value: values[round.indexOf(me)] as O };
      } catch (err) {
        if (round.length === 1) throw err;
        for (const c of round) if (c !== me) c.settle({ kind: 'alone' });
        return { ok: false };
      } finally {
        if (generation === this.generation) this.handOff();
      }
    })();
    keepAlive?.(work.catch(() => undefined));
    const result = await work;
    return result.ok ? result.value : this.alone(via, me.item);
  }

  private handOff(): void {
    this.out = [];
    const next = this.waiting[0];
    if (next) {
      this.since = this.now();
      next.settle({ kind: 'lead' });
    } else {
      this.busy = false;
    }
  }
}
