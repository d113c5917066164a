import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { countedD1, emptyTally } from '../../bench/worker/d1-counter.ts';
import { app } from '../../src/index.ts';
import { MAIL_QUEUE } from '../../src/platform/mail/queue.ts';
import { SIGN_QUEUE } from '../../src/signatures/signatures.consumer.ts';
import { nextIp } from '../support/app.ts';
import { faultyD1 } from '../support/faulty-d1.ts';
import { mailsTo } from '../support/mail.ts';
import { appEnv, deadLettered, drainMail, drainQueues, drainSignatures, MAX_RETRIES } from '../support/queues.ts';
import { signer } from '../support/signers.ts';

// The signature queue's consumer (write-behind signing): a queue batch is written in a
// few D1 transactions, whatever its size; a message that keeps failing is retried with
// backoff and, after its last try, moves to the dead-letter queue: never acknowledged,
// never dropped.

// The sign request alone: answered and enqueued, the consumers not yet run.
async function enqueueSignature(body: Record<string, unknown>): Promise<number> {
  const ctx = createExecutionContext();
  const res = await app.request(
    'http://localhost:8787/api/pledges/cast-2020/signatures',
    { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: JSON.stringify(body) },
    appEnv(),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res.status;
}

const rowsFor = async (email: string) => (await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(email).first<{ n: number }>())?.n;

const confirmLedgerEntries = async () => (await env.DB.prepare(`SELECT count(*) AS n FROM mail_ledger WHERE kind = 'signature.confirm'`).first<{ n: number }>())?.n ?? 0;

describe('signature consumer', () => {
  it('writes a batch of 40 new signatures, their links and mail-ledger entries in 2 D1 transactions', async () => {
    await drainQueues();
    const people = Array.from({ length: 40 }, () => signer());
    for (const p of people) expect(await enqueueSignature(p)).toBe(202);
    const ledgerBefore = await confirmLedgerEntries();
    const tally = emptyTally();
    const result = await drainSignatures(appEnv({ DB: countedD1(env.DB, [tally]) }));
    expect(result?.explicitAcks).toHaveLength(40);
    // One read of the institution domains (the levels the rows start with), one round
    // of INSERTs, one round of ledger reservations with their links.
    expect(tally.writeTx).toBe(2);
    expect(tally.roundTrips).toBe(3);
    await drainMail();
    for (const p of people) {
      expect(await rowsFor(p.email)).toBe(1);
      expect(await mailsTo(p.email)).toHaveLength(1);
    }
    // One mail-ledger entry per confirmation mail.
    expect((await confirmLedgerEntries()) - ledgerBefore).toBe(40);
  });

  it('a signature whose INSERT always fails is retried, then moves to the dead-letter queue after its last try', async () => {
    await drainQueues();
    const person = signer();
    expect(await enqueueSignature(person)).toBe(202);
    const broken = appEnv({ DB: faultyD1(env.DB, (sql) => /^insert into "?signatures"? /i.test(sql)) });
    const before = deadLettered(SIGN_QUEUE).length;
    for (let attempt = 1; attempt <= MAX_RETRIES + 1; attempt++) {
      const result = await drainSignatures(broken);
      // Each failed try asks for a retry (with backoff); none is acknowledged.
      expect(result?.explicitAcks).toEqual([]);
      expect(result?.retryMessages).toHaveLength(1);
      expect(deadLettered(SIGN_QUEUE).length).toBe(attempt <= MAX_RETRIES ? before : before + 1);
    }
    expect(await drainSignatures(broken)).toBeNull();
    const dead = deadLettered(SIGN_QUEUE).at(-1);
    expect(dead?.attempts).toBe(MAX_RETRIES + 1);
    expect(dead?.body).toMatchObject({ input: { email: person.email } });
    expect(await rowsFor(person.email)).toBe(0);
  });

  it('a mail whose delivery always fails moves to the mail dead-letter queue after its last try', async () => {
    await drainQueues();
    const person = signer();
    expect(await enqueueSignature(person)).toBe(202);
    await drainSignatures();
    expect(await rowsFor(person.email)).toBe(1);
    const broken = appEnv({ MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: 'http://127.0.0.1:9/', MAIL_HTTP_TOKEN: 'x' } as Partial<Env>);
    const before = deadLettered(MAIL_QUEUE).length;
    for (let attempt = 1; attempt <= MAX_RETRIES + 1; attempt++) {
      const result = await drainMail(broken);
      expect(result?.retryMessages).toHaveLength(1);
      expect(deadLettered(MAIL_QUEUE).length).toBe(attempt <= MAX_RETRIES ? before : before + 1);
    }
    expect(deadLettered(MAIL_QUEUE).at(-1)?.body).toMatchObject({ to: person.email });
    expect(await mailsTo(person.email)).toHaveLength(0);
  });
});
