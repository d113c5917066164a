import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expirePending, findDrift, recount } from '../../src/counts/counts.cron.ts';
import worker from '../../src/index.ts';
import { postJson } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { counts, signer, signJson } from '../support/signers.ts';

describe('recount job', () => {
  it('finds no drift when triggers kept the counters, and repairs injected drift', async () => {
    const person = signer({ field: 'medicine', region: 'CN-HB' });
    await signJson(person);
    await postJson('/api/signatures/confirm', { token: tokenIn((await mailsTo(person.email))[0], 'confirm') });
    expect(await findDrift(env.DB)).toEqual([]);
    const truth = await counts();

    await env.DB.prepare(`UPDATE counters SET value = value + 7 WHERE metric = 'individuals'`).run();
    await env.DB.prepare(`UPDATE counters SET value = 0 WHERE metric = 'field' AND bucket = 'medicine'`).run();
    await env.DB.prepare(`INSERT INTO counters (pledge_id, metric, bucket, value) VALUES (1, 'region', 'XX', 3)`).run();
    const { drift } = await recount(env.DB);
    expect(drift).toHaveLength(3);
    expect(drift).toContainEqual({ pledgeId: 1, metric: 'individuals', bucket: '', stored: truth.individuals + 7, actual: truth.individuals });
    expect(await findDrift(env.DB)).toEqual([]);
    expect(await counts()).toMatchObject({ individuals: truth.individuals, societies: 171 });
  });

  it('runs from the Cron Trigger, and expires week-old unconfirmed signatures', async () => {
    const person = signer();
    await signJson(person);
    await env.DB.prepare(`UPDATE signatures SET created_at = ?1 WHERE email = ?2`)
      .bind(Date.now() - 8 * 24 * 3600 * 1000, person.email)
      .run();
    await env.DB.prepare(`UPDATE counters SET value = 99 WHERE metric = 'societies'`).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await counts()).societies).toBe(171);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(person.email).first('n')).toBe(0);
    expect(await expirePending(env.DB)).toBe(0);
  });

  it('cross-checks the counters against the public log and reports a difference, and the cron signs checkpoints', async () => {
    expect((await recount(env.DB)).logDrift).toEqual([]);
    const before = await env.DB.prepare('SELECT count(*) AS n FROM log_checkpoints WHERE pledge_id = 1').first<number>('n');
    const person = signer();
    await signJson(person);
    await postJson('/api/signatures/confirm', { token: tokenIn((await mailsTo(person.email))[0], 'confirm') });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const latest = await env.DB.prepare('SELECT tree_size AS size, individuals FROM log_checkpoints WHERE pledge_id = 1 ORDER BY tree_size DESC LIMIT 1').first<{
      size: number;
      individuals: number;
    }>();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM log_checkpoints WHERE pledge_id = 1').first<number>('n')).toBe((before ?? 0) + 1);
    expect(latest).toEqual({
      size: await env.DB.prepare('SELECT count(*) AS n FROM log_entries WHERE pledge_id = 1').first<number>('n'),
      individuals: (await counts()).individuals,
    });

    // An entry written outside the triggers (the log is append-only, so it stays): the
    // counters, repaired from rows, now differ from the log, and the job says so.
    await env.DB.prepare(
      `INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
       SELECT 1, max(seq) + 1, 'add', 'individual', 999999, '00112233445566778899aabbccddeeff', 0 FROM log_entries WHERE pledge_id = 1`,
    ).run();
    const { logDrift } = await recount(env.DB);
    const individuals = (await counts()).individuals;
    expect(logDrift).toEqual([{ pledgeId: 1, metric: 'individuals', counter: individuals, log: individuals + 1 }]);
  });
});
