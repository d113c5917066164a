// D1 call counting for `npm run bench`, by instrumenting the binding: a wrapper around
// env.DB that counts every call made through it. Only bench/worker/counted.ts uses it,
// and only when BENCH_COUNT_D1 is "1"; the app's own entry (src/index.ts) never imports
// it, so it is absent from `npm start`, the tests and production.

export const D1_HEADER = 'x-bench-d1';

export type D1Tally = {
  // prepare() calls (local: no round trip by themselves).
  prepares: number;
  // Calls that go to the database: run, all, first, raw, batch, exec (one round trip each).
  roundTrips: number;
  // Statements executed (a batch counts each of its statements).
  statements: number;
  batches: number;
  // Write transactions: a write statement on its own, or a batch (or exec) holding at
  // least one write, counts one; D1 runs each batch as one transaction.
  writeTx: number;
  // Of those, the ones that only write the development mail transport's outbox
  // (dev_outbox: production sends mail through a binding instead).
  outboxWriteTx: number;
};

export const emptyTally = (): D1Tally => ({ prepares: 0, roundTrips: 0, statements: 0, batches: 0, writeTx: 0, outboxWriteTx: 0 });

const WRITE = /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert|update|delete|replace)\b/i;
const isWrite = (sql: string) => WRITE.test(sql);
const outboxOnly = (sqls: string[]) => sqls.length > 0 && sqls.every((s) => !isWrite(s) || /\bdev_outbox\b/i.test(s));

type Tallies = D1Tally[];

function countCall(tallies: Tallies, sqls: string[], batch: boolean): void {
  const writes = sqls.some(isWrite);
  for (const t of tallies) {
    t.roundTrips++;
    t.statements += sqls.length;
    if (batch) t.batches++;
    if (writes) {
      t.writeTx++;
      if (outboxOnly(sqls)) t.outboxWriteTx++;
    }
  }
}

const RAW = Symbol('raw statement');
type Counted = D1PreparedStatement & { [RAW]: D1PreparedStatement; sql: string };

function countedStatement(raw: D1PreparedStatement, sql: string, tallies: Tallies): Counted {
  const call = <T>(run: () => Promise<T>) => {
    countCall(tallies, [sql], false);
    return run();
  };
  const s = {
    [RAW]: raw,
    sql,
    bind: (...values: unknown[]) => countedStatement(raw.bind(...values), sql, tallies),
    first: (col?: string) => call(() => (col === undefined ? raw.first() : raw.first(col))),
    run: () => call(() => raw.run()),
    all: () => call(() => raw.all()),
    raw: (opts?: { columnNames?: boolean }) => call(() => (opts?.columnNames ? raw.raw({ columnNames: true }) : raw.raw())),
  };
  return s as unknown as Counted;
}

const unwrap = (s: D1PreparedStatement) => (s as Partial<Counted>)[RAW] ?? s;
const sqlOf = (s: D1PreparedStatement) => (s as Partial<Counted>).sql ?? '';

type Session = { prepare(sql: string): D1PreparedStatement; batch<T>(s: D1PreparedStatement[]): Promise<D1Result<T>[]> };

function countedSession<S extends Session>(inner: S, tallies: Tallies, extra: Record<string, unknown>): S {
  return {
    ...extra,
    prepare: (sql: string) => {
      for (const t of tallies) t.prepares++;
      return countedStatement(inner.prepare(sql), sql, tallies);
    },
    batch: <T>(statements: D1PreparedStatement[]) => {
      countCall(tallies, statements.map(sqlOf), true);
      return inner.batch<T>(statements.map(unwrap));
    },
  } as unknown as S;
}

// env.DB, counted into each of `tallies` (for example the request's and the isolate's).
export function countedD1(d1: D1Database, tallies: Tallies): D1Database {
  return countedSession(d1, tallies, {
    exec: (sql: string) => {
      countCall(
        tallies,
        sql.split(';').filter((s) => s.trim()),
        true,
      );
      return d1.exec(sql);
    },
    dump: () => d1.dump(),
    withSession: (constraint?: string) => {
      const session = d1.withSession(constraint as D1SessionConstraint);
      return countedSession(session, tallies, { getBookmark: () => session.getBookmark() });
    },
  });
}

export const formatTally = (t: D1Tally) =>
  `rt=${t.roundTrips}; prepare=${t.prepares}; statements=${t.statements}; batches=${t.batches}; write-tx=${t.writeTx}; outbox-write-tx=${t.outboxWriteTx}`;
