import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/platform/coalescer.ts';

// Follow-up work after a change (live counts, milestones): one run at a time per key;
// calls made meanwhile share one more run of the same loop, so the last change is
// always followed by a run.
describe('Coalescer', () => {
  it('runs once for a burst, plus once more for the calls made while it ran', async () => {
    const c = new Coalescer<number>(0);
    let runs = 0;
    let release = () => {};
    const work = () => {
      runs++;
      return new Promise<void>((r) => (release = r));
    };
    const loop = c.run(1, work);
    expect(loop).toBeInstanceOf(Promise);
    // Calls during the run are folded into the loop: no promise of their own.
    const later = Array.from({ length: 50 }, () => c.run(1, work));
    expect(later.every((p) => p === undefined)).toBe(true);
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    // One more run for all 50, which has started.
    expect(runs).toBe(2);
    release();
    await loop;
    expect(runs).toBe(2);
    // Idle again: a new call starts a new loop.
    await c.run(1, async () => void runs++);
    expect(runs).toBe(3);
  });

  it('runs a burst at most once per interval', async () => {
    const c = new Coalescer<number>(100);
    const starts: number[] = [];
    const work = async () => void starts.push(Date.now());
    const loop = c.run(1, work);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 10));
      c.run(1, work);
    }
    await loop;
    // 20 calls over about 200 ms: the first at once, then a run per 100 ms at most.
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('keys run apart; a failing run does not stop the next; the loop stops after its budget', async () => {
    const c = new Coalescer<string>(0, 30);
    const seen: string[] = [];
    await Promise.all([c.run('a', async () => void seen.push('a')), c.run('b', async () => void seen.push('b'))]);
    expect(seen.sort()).toEqual(['a', 'b']);
    await c.run('a', async () => {
      throw new Error('down');
    });
    await c.run('a', async () => void seen.push('after'));
    expect(seen).toContain('after');
    // Marked dirty on every run: the loop ends once the budget is spent.
    let n = 0;
    const busy = async () => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      c.run('c', busy);
    };
    const started = Date.now();
    await c.run('c', busy);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(n).toBeGreaterThan(1);
  });
});
