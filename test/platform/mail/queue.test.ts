import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../../src/platform/mail/queue.ts';
import { postJson } from '../../support/app.ts';
import { drainMail, mailQueue } from '../../support/queues.ts';

const outboxFor = async (to: string) => (await env.DB.prepare('SELECT subject FROM dev_outbox WHERE "to" = ?1').bind(to).all()).results;

describe('mail through the queue', () => {
  it('backs off 2, 4, 8... seconds between tries, at most 10 minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 30].map(retryDelaySeconds)).toEqual([2, 4, 8, 16, 512, 600, 600]);
  });

  it('the real Queues binding delivers a confirmation mail to the dev outbox', async () => {
    const email = `queued-${Date.now()}@example.edu`;
    // SELF goes through the Worker with its real bindings, the queue included.
    const res = await SELF.fetch('http://localhost:8787/api/pledges/cast-2020/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' },
      body: JSON.stringify({ name: 'Queued Signer', email, affiliation: 'Queue University', field: 'science', region: 'CN-BJ' }),
    });
    expect(res.status).toBe(202);
    let rows: unknown[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await outboxFor(email);
    }
    expect(rows).toHaveLength(1);
  });

  it('a batch reaches the dev outbox at once; a request answers while mail waits', async () => {
    const ok = { to: `a-${Date.now()}@example.edu`, subject: 'one', text: 'one', html: '<p>one</p>' };
    const other = { to: `b-${Date.now()}@example.edu`, subject: 'two', text: 'two', html: '<p>two</p>' };
    await mailQueue.send(ok);
    await mailQueue.send(other);
    const result = await drainMail();
    // The dev outbox takes the whole batch in one D1 transaction.
    expect(result?.ackAll).toBe(true);
    expect(result?.retryMessages).toEqual([]);
    expect(await outboxFor(ok.to)).toHaveLength(1);
    expect(await outboxFor(other.to)).toHaveLength(1);
    // A request still answers while mail waits in the queue.
    expect((await postJson('/api/pledges/cast-2020/signatures', {})).status).toBe(400);
  });
});

describe('a failing transport', () => {
  it('retries only the messages that failed, each on its own', async () => {
    const { deliverMail } = await import('../../../src/platform/mail/queue.ts');
    const { createMessageBatch, createExecutionContext, getQueueResult } = await import('cloudflare:test');
    const good = { to: `good-${Date.now()}@example.edu`, subject: 'g', text: 'g', html: 'g' };
    const bad = { to: `bad-${Date.now()}@example.edu`, subject: 'b', text: 'b', html: 'b' };
    const batch = createMessageBatch('pledge-mail', [
      { id: 'g', timestamp: Date.now(), attempts: 1, body: good },
      { id: 'b', timestamp: Date.now(), attempts: 3, body: bad },
    ]);
    // An HTTP mail API that refuses one address.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (_url: string, init: RequestInit) => new Response('', { status: String(init.body).includes('bad-') ? 500 : 200 })) as typeof fetch;
    try {
      const outcome = await deliverMail(batch, { ...env, MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: 'https://mail.example/send', MAIL_HTTP_TOKEN: 'k' } as never);
      expect(outcome).toEqual({ sent: 1, retried: 1 });
    } finally {
      globalThis.fetch = realFetch;
    }
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual(['g']);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['b']);
  });
});
