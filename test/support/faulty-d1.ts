// A D1 binding that fails on purpose: wraps the real one and throws a D1-style error
// when a statement about to run matches the rule. Used to prove that every failure
// leaves no partial rows and answers 503.
export type FaultRule = (sql: string) => boolean;

export class InjectedFault extends Error {
  constructor(sql: string) {
    super(`D1_ERROR: injected fault: ${sql.slice(0, 60)}`);
  }
}

export function faultyD1(real: D1Database, shouldFail: FaultRule): D1Database {
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const guard = () => {
      if (shouldFail(sql)) throw new InjectedFault(sql);
    };
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      first: async (col?: string) => {
        guard();
        return col === undefined ? stmt.first() : stmt.first(col);
      },
      all: async () => {
        guard();
        return stmt.all();
      },
      run: async () => {
        guard();
        return stmt.run();
      },
      raw: async (opts?: { columnNames?: boolean }) => {
        guard();
        return stmt.raw(opts as { columnNames: true });
      },
    } as unknown as D1PreparedStatement;
    originals.set(wrapped, stmt);
    (wrapped as unknown as { sql: string }).sql = sql;
    return wrapped;
  };
  return {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    batch: async (statements: D1PreparedStatement[]) => {
      for (const s of statements) {
        const sql = (s as unknown as { sql: string }).sql;
        if (shouldFail(sql)) throw new InjectedFault(sql);
      }
      return real.batch(statements.map((s) => originals.get(s) ?? s));
    },
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error('not supported in tests');
    },
  } as unknown as D1Database;
}
