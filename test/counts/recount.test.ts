import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expirePending, findDrift, recount } from '../../src/counts/recount.ts';
import worker from '../../src/index.ts';
import { postJson } from '../helpers.ts';
import { counts, mailsTo, signer, signJson, tokenIn } from '../signatures/helpers.ts';

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
    await env.DB.prepare(`UPDATE signatures SET created_at = ?1 WHERE email = ?2`).bind(Date.now() - 8 * 24 * 3600 * 1000, person.email).run();
    await env.DB.prepare(`UPDATE counters SET value = 99 WHERE metric = 'societies'`).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await counts()).societies).toBe(171);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(person.email).first('n')).toBe(0);
    expect(await expirePending(env.DB)).toBe(0);
  });
});
