// What counts, in one table: every counter metric, the table whose rows it counts,
// which states count, and which columns key its buckets. From it come
//  - the SQL triggers that move the counters (and append to the public log, src/log/)
//    inside the very statement that changes a state, so no code path can change a
//    state without its count: migrations/0006_counter_rules.sql, written by
//    `npm run db:triggers` (scripts/build-triggers.ts);
//  - the recount queries of the repair job (./counts.cron.ts).
// Change the table, run `npm run db:triggers` and commit the migration it writes;
// test/counts/counters.test.ts fails while the two disagree.
import type { SubjectType } from '../log/entry.ts';
import { sqlList, sqlText } from '../platform/db/sql.ts';
import { ENDORSEMENT, type EndorsementState, SIGNATURE, type SignatureState } from '../platform/db/states.ts';

// A signature counts while confirmed; an endorsement while verified (after alphagov/e-petitions).
export const COUNTED_SIGNATURE_STATES: readonly SignatureState[] = [SIGNATURE.confirmed];
export const COUNTED_ENDORSEMENT_STATES: readonly EndorsementState[] = [ENDORSEMENT.verified];

// The counted tables: which states count, and the name of a row in the log and in trigger names.
type Source = { table: string; counted: readonly string[]; subject: SubjectType; noun: string };
export const SOURCES = {
  signatures: { table: 'signatures', counted: COUNTED_SIGNATURE_STATES, subject: 'individual', noun: 'signature' },
  endorsements: { table: 'endorsements', counted: COUNTED_ENDORSEMENT_STATES, subject: 'society', noun: 'endorsement' },
} as const satisfies Record<string, Source>;
export type SourceName = keyof typeof SOURCES;

// A counter metric: its rows (a source), and its bucket: '' for a total, else the
// columns that key it, turned into the bucket text by `bucket` (default: the columns,
// joined by '|'). With skipNull, a row whose key is NULL is left out of the metric.
// The triggers follow state changes only: the code never changes a key column of a
// counted row (withdrawal keeps them), and the recount would repair it if it did.
export type Counter = {
  metric: string;
  source: SourceName;
  keys: readonly string[];
  bucket?: (...columns: string[]) => string;
  skipNull?: boolean;
};

export const COUNTERS = [
  { metric: 'individuals', source: 'signatures', keys: [] },
  { metric: 'field', source: 'signatures', keys: ['field'] },
  { metric: 'region', source: 'signatures', keys: ['region'] },
  // Membership of a society (optional on the form).
  { metric: 'society', source: 'signatures', keys: ['society_id'], bucket: (id) => `CAST(${id} AS TEXT)`, skipNull: true },
  // Hour and day of confirmation, in UTC.
  { metric: 'hour', source: 'signatures', keys: ['confirmed_at'], bucket: (t) => `strftime('%Y-%m-%dT%H', ${t} / 1000, 'unixepoch')` },
  { metric: 'day', source: 'signatures', keys: ['confirmed_at'], bucket: (t) => `strftime('%Y-%m-%d', ${t} / 1000, 'unixepoch')` },
  { metric: 'societies', source: 'endorsements', keys: [] },
] as const satisfies readonly Counter[];

// The bucket and the row filter of a counter, for a row named `row` ('new', 'old', or
// none in a plain SELECT).
function bucketOf(c: Counter, row?: string): string {
  const cols = c.keys.map((k) => (row ? `${row}.${k}` : k));
  if (cols.length === 0) return `''`;
  return c.bucket ? c.bucket(...cols) : cols.join(` || '|' || `);
}

function filterOf(c: Counter, row?: string): string {
  return c.skipNull ? c.keys.map((k) => `${row ? `${row}.` : ''}${k} IS NOT NULL`).join(' AND ') : 'true';
}

// --- The recount: each metric's value per bucket as the rows say it should be.

export function recountSql(c: Counter): string {
  const s = SOURCES[c.source];
  const where = [`state IN (${sqlList(s.counted)})`, ...(c.skipNull ? [filterOf(c)] : [])].join(' AND ');
  return `SELECT pledge_id, ${bucketOf(c)} AS bucket, count(*) AS value FROM ${s.table} WHERE ${where} GROUP BY 1, 2`;
}

// --- The triggers. Four per source and per follower (the counters, the log): a row
// entering a counted state by update or insert, and leaving it by update or delete.

const NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

type Event = { name: string; on: string; when: (inCounted: string) => string; row: 'new' | 'old'; enters: boolean };
const EVENTS: readonly Event[] = [
  { name: 'on_update', on: 'AFTER UPDATE OF state ON', when: (c) => `old.state NOT IN (${c}) AND new.state IN (${c})`, row: 'new', enters: true },
  { name: 'on_update', on: 'AFTER UPDATE OF state ON', when: (c) => `old.state IN (${c}) AND new.state NOT IN (${c})`, row: 'old', enters: false },
  { name: 'on_insert', on: 'AFTER INSERT ON', when: (c) => `new.state IN (${c})`, row: 'new', enters: true },
  { name: 'on_delete', on: 'AFTER DELETE ON', when: (c) => `old.state IN (${c})`, row: 'old', enters: false },
];

export type Trigger = { name: string; table: string; sql: string };

function trigger(name: string, s: Source, e: Event, body: string[]): Trigger {
  return { name, table: s.table, sql: `CREATE TRIGGER ${name} ${e.on} ${s.table} WHEN ${e.when(sqlList(s.counted))}\nBEGIN\n${body.join('\n')}\nEND` };
}

function bump(c: Counter, row: string, delta: 1 | -1): string {
  return (
    `  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT ${row}.pledge_id, ${sqlText(c.metric)}, ${bucketOf(c, row)}, ${delta}, ${NOW} WHERE ${filterOf(c, row)}\n` +
    `    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;`
  );
}

// A log entry: 'add' on entering, 'remove' on leaving; seq is the next leaf index of the
// pledge's log, and a subject keeps the salt of its first entry. Times are whole hours,
// so the public signer wall cannot be matched to the log by time. A removal carries its
// public reason: withdrawn by the signer, or invalidated with the organiser's category
// (a deleted row, or a verified endorsement taken back, have their own).
const HOUR_NOW = `(CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000`;

function removalReason(s: Source, e: Event): string {
  if (e.name === 'on_delete') return "'invalidated:deleted'";
  if (s.noun === 'signature') return `CASE new.state WHEN ${sqlText(SIGNATURE.withdrawn)} THEN 'withdrawn' ELSE 'invalidated:' || coalesce(new.invalidation_category, 'other') END`;
  return "'invalidated:revoked'";
}

function logEntry(s: Source, e: Event): string {
  const subject = sqlText(s.subject);
  const row = e.row;
  const kind = e.enters ? 'add' : 'remove';
  return (
    `  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at${e.enters ? '' : ', reason'})\n` +
    `  SELECT ${row}.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = ${row}.pledge_id), 0), ${sqlText(kind)}, ${subject}, ${row}.id,\n` +
    `    coalesce((SELECT salt FROM log_entries WHERE pledge_id = ${row}.pledge_id AND subject_type = ${subject} AND subject_id = ${row}.id LIMIT 1), lower(hex(randomblob(16)))), ${HOUR_NOW}${e.enters ? '' : `, ${removalReason(s, e)}`};`
  );
}

// Every trigger the table asks for, in a stable order: counters first, then the log.
export function stateTriggers(): Trigger[] {
  const out: Trigger[] = [];
  for (const [name, s] of Object.entries(SOURCES)) {
    const counters: readonly Counter[] = COUNTERS.filter((c) => c.source === name);
    for (const e of EVENTS)
      out.push(
        trigger(
          `${s.table}_count_${e.enters ? 'up' : 'down'}_${e.name}`,
          s,
          e,
          counters.map((c) => bump(c, e.row, e.enters ? 1 : -1)),
        ),
      );
  }
  for (const s of Object.values(SOURCES)) {
    for (const e of EVENTS) out.push(trigger(`log_${s.noun}_${e.enters ? 'add' : 'remove'}_${e.name}`, s, e, [logEntry(s, e)]));
  }
  return out;
}

// The migration text: drop what was there, create what the table asks for.
export function triggerMigration(): string {
  const triggers = stateTriggers();
  // The names are those of the hand-written triggers of 0001 and 0005, so these drops
  // replace them; test/counts/counters.test.ts checks that no other trigger is left.
  const drops = triggers.map((t) => `DROP TRIGGER IF EXISTS ${t.name};`);
  const head = [
    '-- Generated by `npm run db:triggers` (scripts/build-triggers.ts) from src/counts/counters.ts:',
    '-- do not edit. The counters and the public log follow every change of what counts',
    '-- inside the statement that makes it. After a change of the table, or a drizzle-kit',
    '-- rebuild of signatures or endorsements (which drops their triggers), write them again',
    '-- into a new migration: see scripts/build-triggers.ts.',
  ];
  return `${head.join('\n')}\n${[...drops, ...triggers.map((t) => `${t.sql};`)].join('\n--> statement-breakpoint\n')}\n`;
}
