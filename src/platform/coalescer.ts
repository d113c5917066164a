// Runs follow-up work at most once at a time per key, and coalesces the calls made while
// it runs into one more run after it. A burst of 1,000 confirmations of one pledge then
// costs a few notifications and milestone checks, not 1,000 of each, and every caller
// still gets a promise (for waitUntil) that settles after a run that began after its
// call, so no change goes unpublished. A run that hangs frees its key after `timeoutMs`.
type Slot = { done: Promise<void>; queued: Promise<void> | null };

export class Coalescer<K> {
  private slots = new Map<K, Slot>();

  constructor(private readonly timeoutMs = 10_000) {}

  run(key: K, work: () => Promise<unknown>): Promise<void> {
    const busy = this.slots.get(key);
    if (busy) {
      busy.queued ??= busy.done.then(() => {
        this.slots.delete(key);
        return this.run(key, work);
      });
      return busy.queued;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs);
    });
    const slot: Slot = {
      // The work reports its own failures; a failure must not stop the runs after it.
      done: Promise.race([
        work().then(
          () => undefined,
          () => undefined,
        ),
        timeout,
      ]).finally(() => clearTimeout(timer)),
      queued: null,
    };
    this.slots.set(key, slot);
    void slot.done.then(() => {
      if (this.slots.get(key) === slot && slot.queued === null) this.slots.delete(key);
    });
    return slot.done;
  }
}
