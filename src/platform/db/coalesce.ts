// Write-behind batching for queue consumers: many operations run concurrently over one
// coalescing D1 binding, and every statement they issue in the same turn of the event
// loop goes to D1 as ONE batch (one transaction, one round trip). A queue batch of 100
// signatures then costs a few transactions instead of a few hundred.
//
// Semantics are those of D1's batch(): all statements of a round commit together or
// not at all; on failure every caller of that round gets the error (queue messages are
// then retried, so the statements must be idempotent, as ours are: ON CONFLICT DO
// NOTHING, guarded UPDATEs). Statements of one round must not depend on each other's
// results; callers that await a result before the next statement get a later round.
// A batch() call joins the round whole, so its statements stay adjacent and in order.
type Pending = { stmt: D1PreparedStatement; mode: 'first' | 'all' | 'run' | 'raw'; column?: string; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export type CoalesceStats = { rounds: number; statements: number };

export function coalescingD1(real: D1Database, stats: CoalesceStats = { rounds: 0, statements: 0 }): D1Database & { stats: CoalesceStats } {
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const round = queue;
    queue = [];
    if (round.length === 0) return;
    stats.rounds += 1;
    stats.statements += round.length;
    try {
      const results = await real.batch(round.map((p) => p.stmt));
      round.forEach((p, i) => {
        const r = results[i]!;
        const rows = (r.results ?? []) as Record<string, unknown>[];
        if (p.mode === 'first') p.resolve(rows[0] === undefined ? null : p.column ? (rows[0][p.column] ?? null) : rows[0]);
        else if (p.mode === 'raw') p.resolve(rows.map((row) => Object.values(row)));
        else p.resolve(r);
      });
    } catch (err) {
      for (const p of round) p.reject(err);
    }
  }

  function enqueue(p: Omit<Pending, 'resolve' | 'reject'>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      queue.push({ ...p, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // After the current microtasks: every concurrent caller has issued its statement.
        setTimeout(flush, 0);
      }
    });
  }

  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    ({
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      first: (column?: string) => enqueue({ stmt, mode: 'first', column }),
      all: () => enqueue({ stmt, mode: 'all' }),
      run: () => enqueue({ stmt, mode: 'run' }),
      raw: () => enqueue({ stmt, mode: 'raw' }),
      // Our own batches pass through as one round of their own.
      __real: stmt,
    }) as unknown as D1PreparedStatement;

  return {
    stats,
    prepare: (sql: string) => wrap(real.prepare(sql)),
    // A caller's own batch joins the current round too, its statements kept together and
    // in order (so `changes()` in one of them still sees the statement before it): the
    // round stays one transaction, all of it or none, and the caller gets its slice.
    batch: (statements: D1PreparedStatement[]) =>
      Promise.all(statements.map((s) => enqueue({ stmt: (s as unknown as { __real?: D1PreparedStatement }).__real ?? s, mode: 'all' }))),
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error('sessions are not coalesced');
    },
  } as unknown as D1Database & { stats: CoalesceStats };
}
