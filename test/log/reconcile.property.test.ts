import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDrift } from '../../src/counts/counts.cron.ts';
import { findLogDrift } from '../../src/log/log.queries.ts';
import { ensureCheckpoint } from '../../src/log/log.ts';
import { auditLog, fetchKey } from '../../src/log/verifier.ts';
import { postJson } from '../support/app.ts';
import { get } from '../support/log.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { counts, signer, signJson } from '../support/signers.ts';

// Random sequences of signing, confirming, withdrawing, organiser invalidation and
// reinstatement, and endorsement verification and revocation: afterwards the counters
// equal the log's additions minus removals, a checkpoint is signed over the whole log
// with exactly the published counts, and a full audit of the log passes.
type Step = { kind: 'sign' | 'confirm' | 'withdraw' | 'invalidate' | 'reinstate' | 'unverify' | 'verify'; who: number };

let clock = Date.now() + 10 * 60_000;

describe('counts reconcile with the log (property)', () => {
  it('after any sequence of signing, withdrawal and invalidation', async () => {
    const key = await fetchKey(get);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ kind: fc.constantFrom('sign', 'confirm', 'confirm', 'withdraw', 'invalidate', 'reinstate', 'unverify', 'verify'), who: fc.integer({ min: 0, max: 3 }) }),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps: Step[]) => {
          const run = crypto.randomUUID().slice(0, 8);
          const email = (who: number) => `r${who}-${run}@example.org`;
          for (const step of steps) {
            const address = email(step.who);
            if (step.kind === 'sign') {
              expect((await signJson(signer({ email: address }))).status).toBe(202);
            } else if (step.kind === 'confirm' || step.kind === 'withdraw') {
              const last = (await mailsTo(address)).at(-1);
              if (!last || (step.kind === 'confirm' && !last.text.includes('/confirm/'))) continue;
              await postJson(`/api/signatures/${step.kind}`, { token: tokenIn(last, step.kind) });
            } else if (step.kind === 'invalidate') {
              await env.DB.prepare(`UPDATE signatures SET state = 'invalidated', invalidated_at = ?2 WHERE email = ?1 AND state = 'confirmed'`).bind(address, Date.now()).run();
            } else if (step.kind === 'reinstate') {
              await env.DB.prepare(`UPDATE signatures SET state = 'confirmed' WHERE email = ?1 AND state = 'invalidated'`).bind(address).run();
            } else {
              const [from, to] = step.kind === 'unverify' ? ['verified', 'rejected'] : ['rejected', 'verified'];
              await env.DB.prepare(`UPDATE endorsements SET state = ?2 WHERE pledge_id = 1 AND state = ?1 AND society_id = ?3`)
                .bind(from, to, step.who + 1)
                .run();
            }
          }
          expect(await findDrift(env.DB)).toEqual([]);
          expect(await findLogDrift(env.DB)).toEqual([]);
          clock += 1_000;
          const cp = await ensureCheckpoint(env, { id: 1, slug: 'cast-2020' }, { now: clock, minIntervalMs: 0 });
          const size = await env.DB.prepare('SELECT count(*) AS n FROM log_entries WHERE pledge_id = 1').first<number>('n');
          expect(cp!.treeSize).toBe(size);
          const published = await counts();
          expect({ individuals: cp!.individuals, societies: cp!.societies }).toEqual({ individuals: published.individuals, societies: published.societies });
          const audit = await auditLog(get, 'cast-2020', key, { maxConsistency: 3 });
          expect(audit.checks.filter((c) => !c.ok)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
