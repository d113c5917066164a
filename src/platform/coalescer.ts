// Follow-up work after a change (live counts, milestones), at most one run at a time
// per key in this isolate, and runs at least `intervalMs` apart: a call made while a
// run is under way only marks the key dirty, and the running loop runs once more when
// the interval is up. A burst of 1,000 confirmations of one pledge then costs a few
// notifications and milestone checks a second, not 1,000 of each, and no change goes
// unpublished: the last change always falls in or before a run. A change after a quiet
// spell (an interval or more) runs at once.
//
// Only the caller that starts the loop gets a promise (for its waitUntil). The loop
// outlives the responses of the calls it serves, and a request left waiting on work
// whose own request has finished is cancelled ("Promise will never complete"), so the
// others return at once and the loop lives in the first caller's context. (Rounds,
// src/platform/rounds.ts, differ: every caller is still waiting when its round settles.) The loop
// stops after `budgetMs` (waitUntil is cut 30 s after the response); a call after that
// starts a new one.
type Slot = { dirty: boolean; work: () => Promise<unknown> };

export class Coalescer<K> {
  private slots = new Map<K, Slot>();
  private lastStart = new Map<K, number>();

  constructor(
    private readonly intervalMs = 250,
    private readonly budgetMs = 20_000,
  ) {}

  run(key: K, work: () => Promise<unknown>): Promise<void> | undefined {
    const busy = this.slots.get(key);
    if (busy) {
      busy.dirty = true;
      busy.work = work;
      return undefined;
    }
    const slot: Slot = { dirty: false, work };
    this.slots.set(key, slot);
    const until = Date.now() + this.budgetMs;
    return (async () => {
      try {
        for (;;) {
          const wait = (this.lastStart.get(key) ?? 0) + this.intervalMs - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          slot.dirty = false;
          const started = Date.now();
          if (this.lastStart.size >= 1000) this.lastStart.clear();
          this.lastStart.set(key, started);
          // The work reports its own failures; one must not stop the runs after it.
          await slot.work().catch(() => undefined);
          if (!slot.dirty || Date.now() >= until) break;
        }
      } finally {
        this.slots.delete(key);
      }
    })();
  }
}
