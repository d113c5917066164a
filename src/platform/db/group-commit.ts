import { type KeepAlive, type RoundOptions, type RoundStats, Rounds } from '../rounds.ts';

// Group commit for a hot D1 write (confirmations): concurrent callers' statements go to
// D1 in rounds, one batch (one transaction, one round trip) each, in arrival order, so
// each statement sees the ones before it (src/platform/rounds.ts). Statements grouped
// here must be safe to run again after a commit nobody saw.
//
// One group per purpose and isolate, and every caller passes the same database (the
// app has one): the round goes through its leader's binding.
export class GroupCommit {
  private readonly rounds: Rounds<D1Database, D1PreparedStatement, unknown[]>;

  constructor(options: RoundOptions = {}) {
    this.rounds = new Rounds(
      async (d1, stmts) => (await d1.batch(stmts)).map((r) => r.results ?? []),
      async (_d1, stmt) => (await stmt.all()).results ?? [],
      options,
    );
  }

  get stats(): RoundStats {
    return this.rounds.stats;
  }

  // The statement's first row (or null), as `stmt.first()` would give.
  async first<T>(d1: D1Database, stmt: D1PreparedStatement, keepAlive?: KeepAlive): Promise<T | null> {
    const rows = await this.rounds.send(d1, stmt, keepAlive);
    return (rows[0] as T | undefined) ?? null;
  }
}
