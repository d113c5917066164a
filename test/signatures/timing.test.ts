import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/index.ts';
import { nextIp } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { appEnv, drainQueues } from '../support/queues.ts';
import { confirm, signer } from '../support/signers.ts';

// Issue 13, item 12: a new address and one that already signed must do the same work
// before the answer, so response times cannot tell who signed. The sign request only
// validates and enqueues; the INSERT, duplicate handling and mail run in the queue
// consumers, after the answer.

// A D1 binding that records each statement it runs, and whether the response had
// already been returned when it ran.
function recordingD1(real: D1Database) {
  const log: { sql: string; afterResponse: boolean }[] = [];
  const state = { responded: false };
  const note = (sql: string) => log.push({ sql: sql.replace(/\s+/g, ' ').trim().slice(0, 80), afterResponse: state.responded });
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const w = {
      bind: (...v: unknown[]) => wrap(stmt.bind(...v), sql),
      first: (col?: string) => (note(sql), col === undefined ? stmt.first() : stmt.first(col)),
      all: () => (note(sql), stmt.all()),
      run: () => (note(sql), stmt.run()),
      raw: (o?: { columnNames?: boolean }) => (note(sql), stmt.raw(o as { columnNames: true })),
      __real: stmt,
      __sql: sql,
    };
    return w as unknown as D1PreparedStatement;
  };
  const d1 = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    batch: (stmts: D1PreparedStatement[]) => {
      for (const s of stmts) note((s as unknown as { __sql: string }).__sql);
      return real.batch(stmts.map((s) => (s as unknown as { __real: D1PreparedStatement }).__real));
    },
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
  } as unknown as D1Database;
  return { d1, log, state };
}

async function signRecorded(body: Record<string, unknown>) {
  const rec = recordingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await app.request(
    'http://localhost:8787/api/pledges/cast-2020/signatures',
    { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: JSON.stringify(body) },
    appEnv({ DB: rec.d1 }),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  rec.state.responded = true;
  const text = await res.text();
  await drainQueues(appEnv({ DB: rec.d1 }));
  return { status: res.status, text, before: rec.log.filter((l) => !l.afterResponse).map((l) => l.sql), after: rec.log.filter((l) => l.afterResponse).map((l) => l.sql) };
}

describe('sign answers do not depend on who signed', () => {
  it('runs the same statements before answering for a new, a pending and a confirmed address; mail and duplicate handling follow the answer', async () => {
    const person = signer();
    const fresh = await signRecorded(person);
    expect(fresh.status).toBe(202);
    const pendingDup = await signRecorded(person);
    await confirm(tokenIn((await mailsTo(person.email)).at(-1), 'confirm'));
    const confirmedDup = await signRecorded({ ...person, name: 'Someone Else' });
    const other = await signRecorded(signer());

    for (const r of [pendingDup, confirmedDup, other]) {
      expect(r.status).toBe(202);
      expect(r.text).toBe(fresh.text);
      expect(r.before).toEqual(fresh.before);
    }
    // Nothing that depends on the address touches D1 on the response path...
    for (const sql of fresh.before) expect(sql).not.toMatch(/dev_outbox|signatures|mail_ledger/);
    // ...and the follow-up still happened: a confirmation mail, a new link, a reminder.
    expect(fresh.after.some((s) => /^insert into "?signatures"? /i.test(s))).toBe(true);
    expect(fresh.after.some((s) => s.includes('dev_outbox'))).toBe(true);
    expect((await mailsTo(person.email)).length).toBe(3);
  });

  it('keeps the signature when the mail fails after the answer, and the mail arrives once delivery recovers', async () => {
    const person = signer();
    const broken = appEnv({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: 'http://127.0.0.1:9/', MAIL_HTTP_TOKEN: 'x' } as unknown as Partial<Env>);
    const ctx = createExecutionContext();
    const res = await app.request(
      'http://localhost:8787/api/pledges/cast-2020/signatures',
      { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: JSON.stringify(person) },
      appEnv(),
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    await drainQueues(broken);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(person.email).first('n')).toBe(1);
    expect(await mailsTo(person.email)).toHaveLength(0);
    await drainQueues();
    expect(await mailsTo(person.email)).toHaveLength(1);
  });
});
