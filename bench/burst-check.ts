// After the bench's burst of signatures: how long the queues take to drain, and whether
// the result is exact. Reads the app's local D1 file directly (read-only, node:sqlite),
// so the check sees rows and mails themselves, not an API's view of them:
// - every accepted sign request (a 202) is exactly one signature row;
// - every such signature got exactly one confirmation mail (the dev outbox);
// - after confirming, the confirmed rows are the confirmations answered 200, and the
//   counter and the counts API equal the confirmed rows.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type DrainFigures = { accepted: number; signDrainSeconds: number | null; mailDrainSeconds: number | null };
export type Exactness = {
  accepted: number;
  rows: number;
  addressesWithOneRow: number;
  held: number;
  mailed: number;
  addressesWithOneMail: number;
  confirmedAnswers: number;
  confirmedRows: number;
  counter: number;
  counterRows: number;
  countsApi: number | null;
  problems: string[];
  ok: boolean;
};

// The app's D1 database file under wrangler's --persist-to folder.
export function d1File(persistTo: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.sqlite') && p.includes(`${join('v3', 'd1')}`) && name !== 'metadata.sqlite') found.push(p);
    }
  };
  walk(persistTo);
  if (found.length !== 1) throw new Error(`expected one local D1 file under ${persistTo}, found ${found.length}`);
  return found[0]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class BurstCheck {
  private db: DatabaseSync;
  private like: string;
  private accepted: Set<string>;
  constructor(file: string, run: string, accepted: Set<string>) {
    this.accepted = accepted;
    this.db = new DatabaseSync(file, { readOnly: true });
    this.db.exec('PRAGMA busy_timeout = 5000');
    // The burst's addresses end in -<run>@...; the warm-up and timing phases use others.
    this.like = `%-${run}@%`;
  }

  private n(sql: string, ...params: (string | number)[]): number {
    return Number((this.db.prepare(sql).get(...params) as { n: number | bigint }).n);
  }
  rows = () => this.n('SELECT count(*) AS n FROM signatures WHERE email LIKE ?', this.like);
  mails = () => this.n(`SELECT count(*) AS n FROM dev_outbox WHERE "to" LIKE ? AND text LIKE '%/confirm/%'`, this.like);

  // Polls until every accepted signature is a row (the signature queue drained) and has
  // its mail (the mail queue drained), timed from the end of the burst.
  async drain(burstEnded: number, timeoutMs = 300_000): Promise<DrainFigures> {
    const want = this.accepted.size;
    let signDrain: number | null = null;
    let mailDrain: number | null = null;
    while (performance.now() - burstEnded < timeoutMs && (signDrain === null || mailDrain === null)) {
      const elapsed = (performance.now() - burstEnded) / 1000;
      if (signDrain === null && this.rows() >= want) signDrain = elapsed;
      if (mailDrain === null && this.mails() >= want) mailDrain = elapsed;
      if (signDrain === null || mailDrain === null) await sleep(100);
    }
    return { accepted: want, signDrainSeconds: signDrain, mailDrainSeconds: mailDrain };
  }

  // After the confirmations: the exactness check. `countsApi` reads the public count.
  async exactness(confirmedAnswers: number, pledgeSlug: string, countsApi: () => Promise<number>): Promise<Exactness> {
    // Late duplicates would show up after the drain: give them a moment.
    await sleep(2000);
    const problems: string[] = [];
    const perAddress = (sql: string) => new Map((this.db.prepare(sql).all(this.like) as { a: string; n: number | bigint }[]).map((r) => [r.a, Number(r.n)]));
    const rowsBy = perAddress('SELECT email AS a, count(*) AS n FROM signatures WHERE email LIKE ? GROUP BY email');
    const mailsBy = perAddress(`SELECT "to" AS a, count(*) AS n FROM dev_outbox WHERE "to" LIKE ? AND text LIKE '%/confirm/%' GROUP BY "to"`);
    let oneRow = 0;
    let oneMail = 0;
    for (const a of this.accepted) {
      if (rowsBy.get(a) === 1) oneRow++;
      if (mailsBy.get(a) === 1) oneMail++;
    }
    const rows = this.rows();
    const mailed = this.mails();
    const held = this.n(`SELECT count(*) AS n FROM signatures WHERE email LIKE ? AND state = 'held'`, this.like);
    const confirmedRows = this.n(`SELECT count(*) AS n FROM signatures WHERE email LIKE ? AND state = 'confirmed'`, this.like);
    const pledge = this.n('SELECT id AS n FROM pledges WHERE slug = ?', pledgeSlug);
    const counterRows = this.n(`SELECT count(*) AS n FROM signatures WHERE pledge_id = ? AND state = 'confirmed'`, pledge);
    const counter = this.n(`SELECT coalesce(sum(value), 0) AS n FROM counters WHERE pledge_id = ? AND metric = 'individuals' AND bucket = ''`, pledge);
    // The counts API answers from a short per-isolate cache: wait for it to catch up.
    let api: number | null = null;
    for (let i = 0; i < 40 && api !== counterRows; i++) {
      if (i > 0) await sleep(250);
      api = await countsApi().catch(() => null);
    }
    const accepted = this.accepted.size;
    if (rows !== accepted) problems.push(`${rows} signature rows for ${accepted} accepted requests`);
    if (oneRow !== accepted) problems.push(`${accepted - oneRow} accepted addresses without exactly one row`);
    if (held !== 0) problems.push(`${held} signatures held (unexpected in the bench)`);
    if (oneMail !== accepted) problems.push(`${accepted - oneMail} accepted addresses without exactly one confirmation mail`);
    if (mailed !== accepted) problems.push(`${mailed} confirmation mails for ${accepted} accepted requests`);
    if (confirmedRows !== confirmedAnswers) problems.push(`${confirmedRows} confirmed rows for ${confirmedAnswers} confirmations answered 200`);
    if (counter !== counterRows) problems.push(`counter ${counter} but ${counterRows} confirmed rows`);
    if (api !== counterRows) problems.push(`counts API ${api} but ${counterRows} confirmed rows`);
    return {
      accepted,
      rows,
      addressesWithOneRow: oneRow,
      held,
      mailed,
      addressesWithOneMail: oneMail,
      confirmedAnswers,
      confirmedRows,
      counter,
      counterRows,
      countsApi: api,
      problems,
      ok: problems.length === 0,
    };
  }

  close() {
    this.db.close();
  }
}

export function burstLines(drain: DrainFigures | null, exact: Exactness | null): string[] {
  const s = (v: number | null) => (v === null ? 'not within 5 min' : `${v.toFixed(1)} s`);
  const out: string[] = [];
  if (drain)
    out.push(
      `Queues after the burst of ${drain.accepted} accepted signatures: every signature a D1 row ${s(drain.signDrainSeconds)} after the burst ended, every confirmation mail in the outbox ${s(drain.mailDrainSeconds)} after it.`,
    );
  if (exact)
    out.push(
      exact.ok
        ? `Exactness after the burst: **passed**: ${exact.accepted} accepted requests, ${exact.rows} rows (each address exactly one), ${exact.mailed} confirmation mails (each address exactly one), ${exact.held} held; ${exact.confirmedRows} confirmed rows for ${exact.confirmedAnswers} confirmations answered 200; counter ${exact.counter}, counts API ${exact.countsApi}, confirmed rows ${exact.counterRows}.`
        : `Exactness after the burst: **FAILED**: ${exact.problems.join('; ')}.`,
    );
  else out.push('Exactness after the burst: not checked (see the console).');
  return out;
}
