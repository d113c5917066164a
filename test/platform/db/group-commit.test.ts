import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../src/platform/db/group-commit.ts';

// The real D1, its calls recorded (a batch as its size, a statement run alone as 1) and
// held at a gate when the test asks: so the test decides which statements arrive while
// a round is at D1.
function gated(real: D1Database) {
  const gates: { open: () => void }[] = [];
  const batches: number[] = [];
  let holdNext = 0;
  const call = async <T>(size: number, run: () => Promise<T>) => {
    batches.push(size);
    if (holdNext > 0) {
      holdNext -= 1;
      await new Promise<void>((open) => gates.push({ open }));
    }
    return run();
  };
  const RAW = Symbol('raw');
  type Wrapped = D1PreparedStatement & { [RAW]: D1PreparedStatement };
  const wrap = (stmt: D1PreparedStatement): Wrapped =>
    ({ [RAW]: stmt, bind: (...v: unknown[]) => wrap(stmt.bind(...v)), all: () => call(1, () => stmt.all()) }) as unknown as Wrapped;
  const d1 = {
    prepare: (sql: string) => wrap(real.prepare(sql)),
    batch: (stmts: Wrapped[]) => call(stmts.length, () => real.batch(stmts.map((s) => s[RAW]))),
  } as unknown as D1Database;
  return { d1, batches, hold: (n = 1) => (holdNext += n), open: () => gates.shift()?.open() };
}

const settled = () => new Promise((r) => setTimeout(r, 20));

describe('group commit', () => {
  it('statements that arrive while a round is at D1 go together in the next, in order, each caller getting its own row', async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS gc_a (k TEXT PRIMARY KEY, v INTEGER)');
    const { d1, batches, hold, open } = gated(env.DB);
    const group = new GroupCommit();
    const insert = (k: string, v: number) => group.first(d1, d1.prepare('INSERT INTO gc_a (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO NOTHING RETURNING k, v').bind(k, v));
    hold();
    const first = insert('lead', 0);
    await settled();
    // The round of one is at D1; these three wait for it.
    const rest = [insert('x', 1), insert('x', 2), group.first(d1, d1.prepare("SELECT count(*) AS n FROM gc_a WHERE k = 'x'"))];
    await settled();
    expect(batches).toEqual([1]);
    open();
    expect(await first).toEqual({ k: 'lead', v: 0 });
    // One round for the three: the second insert saw the first (ON CONFLICT: no row),
    // and the read saw it too.
    expect(await Promise.all(rest)).toEqual([{ k: 'x', v: 1 }, null, { n: 1 }]);
    expect(batches).toEqual([1, 3]);
    expect(group.stats).toEqual({ rounds: 2, items: 4 });
    // Nothing in flight: the next statement goes at once, alone.
    expect(await insert('later', 3)).toEqual({ k: 'later', v: 3 });
    expect(batches).toEqual([1, 3, 1]);
  });

  it("a failing statement fails only its own caller: the round's others run again alone and commit", async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS gc_b (k TEXT PRIMARY KEY)');
    const { d1, batches, hold, open } = gated(env.DB);
    const group = new GroupCommit();
    const insert = (k: string) => group.first(d1, d1.prepare('INSERT INTO gc_b (k) VALUES (?1) RETURNING k').bind(k));
    hold();
    const first = insert('one');
    await settled();
    const good = insert('two');
    const bad = group.first(d1, d1.prepare('INSERT INTO gc_no_such_table (k) VALUES (1)'));
    const alsoGood = insert('three');
    open();
    expect(await first).toEqual({ k: 'one' });
    await expect(bad).rejects.toThrow();
    expect(await good).toEqual({ k: 'two' });
    expect(await alsoGood).toEqual({ k: 'three' });
    // The round of three failed whole; each of its statements then ran alone.
    expect(batches).toEqual([1, 3, 1, 1, 1]);
    const rows = await env.DB.prepare('SELECT k FROM gc_b ORDER BY k').all();
    expect(rows.results).toEqual([{ k: 'one' }, { k: 'three' }, { k: 'two' }]);
    // The group is free again.
    expect(await insert('four')).toEqual({ k: 'four' });
  });

  it('a round that never comes back is taken over after the stall time; its callers run alone, and its late answer changes nothing', async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS gc_c (k TEXT PRIMARY KEY, v INTEGER)');
    const { d1, batches, hold, open } = gated(env.DB);
    let clock = 1_000_000;
    const group = new GroupCommit({ stallMs: 5_000, now: () => clock });
    // Guarded like confirm's UPDATE: running it again after a commit changes nothing.
    const insert = (k: string) => group.first(d1, d1.prepare('INSERT INTO gc_c (k, v) VALUES (?1, 1) ON CONFLICT (k) DO UPDATE SET v = v + 1 WHERE 0 RETURNING k').bind(k));
    hold();
    // Three callers in the same turn: one round of three, which hangs.
    const stalled = [insert('a'), insert('b'), insert('c')];
    await settled();
    expect(batches).toEqual([3]);
    clock += 1_000;
    const waiting = insert('d');
    await settled();
    // Within the stall time it waits behind the round.
    expect(batches).toEqual([3]);
    clock += 5_000;
    const taker = insert('e');
    // The round's two other callers run alone; the newcomer leads a round with the one
    // that was waiting.
    expect(await stalled[1]).toEqual({ k: 'b' });
    expect(await stalled[2]).toEqual({ k: 'c' });
    expect(await Promise.all([taker, waiting])).toEqual([{ k: 'e' }, { k: 'd' }]);
    expect(batches).toEqual([3, 1, 1, 2]);
    // The stalled round comes back at last: its leader's own statement commits; the
    // others' were committed alone and the guard keeps them as they were.
    open();
    expect(await stalled[0]).toEqual({ k: 'a' });
    const rows = await env.DB.prepare('SELECT k, v FROM gc_c ORDER BY k').all();
    expect(rows.results).toEqual(['a', 'b', 'c', 'd', 'e'].map((k) => ({ k, v: 1 })));
    // The late round did not hand the lead on: the group is free, the next goes at once.
    expect(await insert('f')).toEqual({ k: 'f' });
    expect(batches).toEqual([3, 1, 1, 2, 1]);
  });
});
