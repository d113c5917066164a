import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/platform/coalescer.ts';

// Follow-up work after a change (live counts, milestones): one run at a time per key,
// calls made meanwhile share one more run, and every caller's promise settles only
// after a run that began after its call.
describe('Coalescer', () => {
  it('runs once for a burst, plus once more for the calls made while it ran', async () => {
    const c = new Coalescer<number>();
    let runs = 0;
    let release = () => {};
    const work = () => {
      runs++;
      return new Promise<void>((r) => (release = r));
    };
    const first = c.run(1, work);
    const later = Array.from({ length: 50 }, () => c.run(1, work));
    expect(runs).toBe(1);
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    release();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    // The calls made during the first run wait for a second one, which has started.
    expect(runs).toBe(2);
    expect(laterDone).toBe(false);
    release();
    await Promise.all(later);
    expect(runs).toBe(2);
    // Idle again: a new call runs at once.
    const next = c.run(1, async () => void runs++);
    await next;
    expect(runs).toBe(3);
  });

  it('keys run apart; a failing or hanging run does not stop the next', async () => {
    const c = new Coalescer<string>(20);
    const seen: string[] = [];
    await Promise.all([c.run('a', async () => void seen.push('a')), c.run('b', async () => void seen.push('b'))]);
    expect(seen.sort()).toEqual(['a', 'b']);
    await c.run('a', async () => {
      throw new Error('down');
    });
    await c.run('a', () => new Promise(() => {}));
    await c.run('a', async () => void seen.push('after'));
    expect(seen).toContain('after');
  });
});
