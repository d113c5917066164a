import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { coalescingD1 } from '../../../src/platform/db/coalesce.ts';

describe('coalescing D1 binding', () => {
  it('sends the statements concurrent callers issue as one batch, each caller gets its own result', async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS coalesce_t (k TEXT PRIMARY KEY, v INTEGER)');
    const d1 = coalescingD1(env.DB);
    const insert = (k: string, v: number) => d1.prepare('INSERT INTO coalesce_t (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO NOTHING RETURNING k, v').bind(k, v).first();
    const results = await Promise.all([insert('a', 1), insert('b', 2), insert('a', 3)]);
    expect(results).toEqual([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, null]);
    expect(d1.stats).toEqual({ rounds: 1, statements: 3 });
    // A caller that awaits before its next statement gets a later round.
    const count = await d1.prepare('SELECT count(*) AS n FROM coalesce_t').first('n');
    expect(count).toBe(2);
    expect(d1.stats.rounds).toBe(2);
  });

  it('a failing round fails every caller in it and commits none of its statements', async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS coalesce_u (k TEXT PRIMARY KEY)');
    const d1 = coalescingD1(env.DB);
    const ok = d1.prepare('INSERT INTO coalesce_u (k) VALUES (?1)').bind('x').run();
    const bad = d1.prepare('INSERT INTO no_such_table (k) VALUES (1)').run();
    await expect(ok).rejects.toThrow();
    await expect(bad).rejects.toThrow();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM coalesce_u').first('n')).toBe(0);
  });

  it("joins callers' own batches into the round, each kept whole and in order", async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS coalesce_v (k TEXT PRIMARY KEY, v INTEGER)');
    await env.DB.exec('CREATE TABLE IF NOT EXISTS coalesce_w (k TEXT PRIMARY KEY)');
    await env.DB.prepare("INSERT INTO coalesce_v (k, v) VALUES ('taken', 0)").run();
    const d1 = coalescingD1(env.DB);
    // As the mail-ledger reservation and its links do: the second statement of a batch
    // runs only if the first changed a row (changes() sees the statement just before it).
    const reserveThenLink = (k: string) =>
      d1.batch([
        d1.prepare('INSERT INTO coalesce_v (k, v) VALUES (?1, 1) ON CONFLICT (k) DO NOTHING RETURNING k').bind(k),
        d1.prepare('INSERT INTO coalesce_w (k) SELECT ?1 WHERE changes() > 0').bind(k),
      ]);
    const [fresh, taken, alone] = await Promise.all([
      reserveThenLink('fresh'),
      reserveThenLink('taken'),
      d1.prepare("SELECT count(*) AS n FROM coalesce_v WHERE k = 'fresh'").first('n'),
    ]);
    expect(d1.stats).toEqual({ rounds: 1, statements: 5 });
    expect(fresh.map((r) => r.results)).toEqual([[{ k: 'fresh' }], []]);
    expect(taken.map((r) => r.results)).toEqual([[], []]);
    // The read ran after both batches in the same transaction.
    expect(alone).toBe(1);
    const linked = await env.DB.prepare('SELECT k FROM coalesce_w ORDER BY k').all();
    expect(linked.results).toEqual([{ k: 'fresh' }]);
  });
});
