import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/index.ts';
import { nextIp } from '../support/app.ts';
import { type FaultRule, faultyD1 } from '../support/faulty-d1.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { appEnv, drainMail, drainQueues, drainSignatures } from '../support/queues.ts';
import { confirmedRows, counts, signer } from '../support/signers.ts';

// Calls the app with a D1 binding that fails where the rule says.
async function call(path: string, init: RequestInit, rule: FaultRule = () => false, overrides: Partial<Env> = {}) {
  const ctx = createExecutionContext();
  const res = await app.request(`http://localhost:8787${path}`, init, appEnv({ DB: faultyD1(env.DB, rule), ...overrides }), ctx);
  await waitOnExecutionContext(ctx);
  await drainQueues(appEnv(overrides.MAIL_TRANSPORT ? overrides : {}));
  return res;
}
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() }, body: JSON.stringify(body) });
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787', 'cf-connecting-ip': nextIp() },
  body: new URLSearchParams(fields).toString(),
});
const rowsFor = async (email: string) => (await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(email).first<{ n: number }>())?.n;

async function expect503(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
}

describe('faults: each failure answers 503 and leaves no partial rows', () => {
  const queueDown = {
    SIGN_QUEUE: {
      send: async () => {
        throw new Error('queue unavailable');
      },
    },
  } as unknown as Partial<Env>;

  it('the signature queue refuses (JSON): 503, nothing stored; the retry succeeds', async () => {
    const person = signer();
    const res = await call('/api/pledges/cast-2020/signatures', json(person), undefined, queueDown);
    await expect503(res);
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('try again') } });
    expect(await rowsFor(person.email)).toBe(0);
    expect((await call('/api/pledges/cast-2020/signatures', json(person))).status).toBe(202);
    expect(await rowsFor(person.email)).toBe(1);
  });

  it('the signature queue refuses (form): 503, the form again with every value kept', async () => {
    const person = signer({ name: '王五', affiliation: '某研究所' });
    const res = await call('/p/cast-2020/sign', form({ ...person, title: '研究员', lang: 'en' }), undefined, queueDown);
    await expect503(res);
    const html = await res.text();
    expect(html).toContain('The service is briefly unavailable');
    expect(html).toContain('value="王五"');
    expect(html).toContain(`value="${person.email}"`);
    expect(html).toContain('value="研究员"');
    expect(html).toContain('<option value="science" selected="">');
    expect(await rowsFor(person.email)).toBe(0);
  });

  it('the INSERT fails in the consumer: the answer was 202, no row, the message is retried and then recorded once', async () => {
    const person = signer();
    const ctx = createExecutionContext();
    const res = await app.request('http://localhost:8787/api/pledges/cast-2020/signatures', json(person), appEnv(), ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    const failed = await drainSignatures(appEnv({ DB: faultyD1(env.DB, (sql) => /^insert into "signatures"/i.test(sql)) }));
    expect(failed?.retryMessages).toHaveLength(1);
    expect(await rowsFor(person.email)).toBe(0);
    await drainQueues();
    expect(await rowsFor(person.email)).toBe(1);
    expect(await mailsTo(person.email)).toHaveLength(1);
  });

  it('the mail queue refuses in the consumer: the row is kept and the retried message re-sends the mail', async () => {
    const person = signer();
    const mailDown = {
      MAIL_QUEUE: {
        send: async () => {
          throw new Error('queue unavailable');
        },
        sendBatch: async () => {
          throw new Error('queue unavailable');
        },
      },
    } as unknown as Partial<Env>;
    const ctx = createExecutionContext();
    expect((await app.request('http://localhost:8787/api/pledges/cast-2020/signatures', json(person), appEnv(), ctx)).status).toBe(202);
    await waitOnExecutionContext(ctx);
    await drainSignatures(appEnv(mailDown));
    expect(await rowsFor(person.email)).toBe(1);
    expect(await mailsTo(person.email)).toHaveLength(0);
    await drainQueues();
    expect(await mailsTo(person.email)).toHaveLength(1);
    expect(await rowsFor(person.email)).toBe(1);
  });

  it('mail delivery fails: the consumer retries with backoff, and the mail arrives once the transport recovers', async () => {
    const person = signer();
    const broken = { MAIL_TRANSPORT: 'http', MAIL_HTTP_URL: 'http://127.0.0.1:9/', MAIL_HTTP_TOKEN: 'x' } as unknown as Partial<Env>;
    const ctx = createExecutionContext();
    const res = await app.request('http://localhost:8787/api/pledges/cast-2020/signatures', json(person), appEnv(), ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    await drainSignatures();
    const failed = await drainMail(appEnv(broken));
    expect(failed?.retryMessages).toHaveLength(1);
    expect(await mailsTo(person.email)).toHaveLength(0);
    expect(await rowsFor(person.email)).toBe(1);
    await drainMail();
    expect(await mailsTo(person.email)).toHaveLength(1);
  });

  it('the confirmation fails: 503, still pending, counter unchanged; the retry confirms once', async () => {
    const person = signer();
    await call('/api/pledges/cast-2020/signatures', json(person));
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    const before = await counts();
    await expect503(await call('/api/signatures/confirm', json({ token }), (sql) => /^\s*update "?signatures"? set[\s\S]*"?confirmed_at"? = \?/i.test(sql)));
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(person.email).first('state')).toBe('pending');
    expect((await counts()).individuals).toBe(before.individuals);
    expect((await call('/api/signatures/confirm', json({ token }))).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals + 1);
  });

  it('the counter update fails: the state change rolls back with it', async () => {
    const person = signer();
    await call('/api/pledges/cast-2020/signatures', json(person));
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    const before = await counts();
    // The counters are written by triggers inside the confirming statement; make that write fail.
    await env.DB.prepare(`CREATE TRIGGER fail_counter BEFORE UPDATE ON counters BEGIN SELECT RAISE(ABORT, 'injected counter fault'); END`).run();
    try {
      await expect503(await call('/api/signatures/confirm', json({ token })));
      expect(await env.DB.prepare('SELECT state, confirmed_at FROM signatures WHERE email = ?1').bind(person.email).first()).toEqual({ state: 'pending', confirmed_at: null });
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_counter').run();
    }
    expect((await counts()).individuals).toBe(before.individuals);
    expect(await confirmedRows()).toBe(before.individuals);
    expect((await call('/api/signatures/confirm', json({ token }))).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals + 1);
  });

  it('random faults during many confirmations: every 2xx confirmation is present exactly once', async () => {
    const people = Array.from({ length: 30 }, () => signer());
    for (const p of people) await call('/api/pledges/cast-2020/signatures', json(p));
    const tokens = await Promise.all(people.map(async (p) => tokenIn((await mailsTo(p.email))[0], 'confirm')));
    // A confirmation is one batch of 4 statements: failing every 7th statement fails
    // about half of them (a batch fails if any of its statements does).
    let n = 0;
    const flaky: FaultRule = () => ++n % 7 === 0;
    const answered = await Promise.all(tokens.map(async (token) => ({ token, status: (await call('/api/signatures/confirm', json({ token }), flaky)).status })));
    expect(answered.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    const ok = answered.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    for (const [i, a] of answered.entries()) {
      const state = await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(people[i]!.email).first('state');
      if (a.status === 200) expect(state).toBe('confirmed');
    }
    expect((await counts()).individuals).toBe(await confirmedRows());
  });

  it('with the live-count Durable Object unavailable, pages, confirmations and the counts API still work', async () => {
    const broken = {
      LIVE: {
        idFromName: () => {
          throw new Error('DO unavailable');
        },
        get: () => {
          throw new Error('DO unavailable');
        },
      },
    } as unknown as Partial<Env>;
    const person = signer();
    expect((await call('/api/pledges/cast-2020/signatures', json(person), undefined, broken)).status).toBe(202);
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    const before = await counts();
    expect((await call('/api/signatures/confirm', json({ token }), undefined, broken)).status).toBe(200);
    expect((await call('/p/cast-2020', { method: 'GET' }, undefined, broken)).status).toBe(200);
    const res = await call('/api/pledges/cast-2020/counts', { method: 'GET' }, undefined, broken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { individuals: number }).individuals).toBe(before.individuals + 1);
  });
});

describe('faults in organiser actions', () => {
  const admin = (path: string, body: unknown = {}) =>
    ({ method: 'POST', headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }, body: JSON.stringify(body) }) as RequestInit & { path?: string };

  async function confirmedEndorsement(): Promise<number> {
    const name = `故障测试学会${crypto.randomUUID().slice(0, 6)}`;
    await env.DB.prepare(`INSERT INTO societies (name_hans, name_hant, category) VALUES (?1, ?1, 'science')`).bind(name).run();
    const row = await env.DB.prepare(
      `INSERT INTO endorsements (pledge_id, society_id, state, contact_email, submitted_website, confirmed_at)
       SELECT p.id, s.id, 'confirmed', 'contact@society.example', 'https://fault.example', 1 FROM pledges p, societies s WHERE p.slug = 'cast-2020' AND s.name_hans = ?1 RETURNING id`,
    )
      .bind(name)
      .first<{ id: number }>();
    return row!.id;
  }
  const auditCount = async (action: string) => (await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?1').bind(action).first<{ n: number }>())!.n;

  it('endorsement verification fails at any step: 503, nothing changed, nothing logged; the retry verifies once', async () => {
    for (const step of ["UPDATE endorsements SET state = 'verified'", 'UPDATE OR IGNORE societies SET', 'INSERT INTO audit_log']) {
      const id = await confirmedEndorsement();
      const before = await counts();
      const audits = await auditCount('endorsement.verify');
      await expect503(await call(`/api/admin/endorsements/${id}/verify`, admin(''), (sql) => sql.includes(step)));
      expect(await env.DB.prepare('SELECT state FROM endorsements WHERE id = ?1').bind(id).first('state'), step).toBe('confirmed');
      expect(await env.DB.prepare('SELECT website FROM societies WHERE id = (SELECT society_id FROM endorsements WHERE id = ?1)').bind(id).first('website'), step).toBeNull();
      expect((await counts()).societies, step).toBe(before.societies);
      expect(await auditCount('endorsement.verify'), step).toBe(audits);
      expect((await call(`/api/admin/endorsements/${id}/verify`, admin(''))).status).toBe(200);
      expect((await counts()).societies).toBe(before.societies + 1);
      expect(await auditCount('endorsement.verify')).toBe(audits + 1);
    }
  });

  it('a bulk invalidation fails at any step: 503, no row changed, nothing logged', async () => {
    const ipHash = 'fa'.repeat(16);
    const people = Array.from({ length: 4 }, () => signer());
    for (const p of people) {
      await call('/api/pledges/cast-2020/signatures', json(p));
      await call('/api/signatures/confirm', json({ token: tokenIn((await mailsTo(p.email))[0], 'confirm') }));
    }
    await env.DB.prepare(`UPDATE signatures SET ip_hash = ?1 WHERE email IN (?2, ?3, ?4, ?5)`)
      .bind(ipHash, ...people.map((p) => p.email))
      .run();
    const before = await counts();
    const audits = await auditCount('signatures.bulk-invalidate');
    for (const step of ["UPDATE signatures SET state = 'invalidated'", 'INSERT INTO audit_log']) {
      await expect503(await call('/api/admin/signatures/bulk-invalidate', admin('', { ipHash, expected: 4 }), (sql) => sql.includes(step)));
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM signatures WHERE ip_hash = ?1 AND state = 'confirmed'`).bind(ipHash).first('n'), step).toBe(4);
      expect((await counts()).individuals).toBe(before.individuals);
      expect(await auditCount('signatures.bulk-invalidate')).toBe(audits);
    }
    const ok = await call('/api/admin/signatures/bulk-invalidate', admin('', { ipHash, expected: 4 }));
    expect(ok.status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals - 4);
    expect(await auditCount('signatures.bulk-invalidate')).toBe(audits + 1);
  });
});
