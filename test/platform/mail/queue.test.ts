import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../../src/platform/mail/queue.ts';
import { drainMail, mailQueue, postJson } from '../../helpers.ts';

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

  it('each message is acknowledged on its own: one failing delivery does not repeat the others', async () => {
    const ok = { to: `a-${Date.now()}@example.edu`, subject: 'one', text: 'one', html: '<p>one</p>' };
    const other = { to: `b-${Date.now()}@example.edu`, subject: 'two', text: 'two', html: '<p>two</p>' };
    await mailQueue.send(ok);
    await mailQueue.send(other);
    const result = await drainMail();
    expect(result?.explicitAcks).toHaveLength(2);
    expect(result?.retryMessages).toEqual([]);
    expect(await outboxFor(ok.to)).toHaveLength(1);
    expect(await outboxFor(other.to)).toHaveLength(1);
    // A request still answers while mail waits in the queue.
    expect((await postJson('/api/pledges/cast-2020/signatures', {})).status).toBe(400);
  });
});
