import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postJson } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { confirmedRows, counts, signer, signJson } from '../support/signers.ts';

// Random sequences of sign, confirm, duplicate and withdraw over a small pool of people:
// after every step the public counter equals the confirmed rows.
type Step = { kind: 'sign' | 'duplicate' | 'confirm' | 'withdraw' | 'confirmTwice'; who: number };

describe('counter equals confirmed rows (property)', () => {
  it('holds after any sequence of sign, confirm, duplicate and withdraw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom('sign', 'duplicate', 'confirm', 'withdraw', 'confirmTwice'), who: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (steps: Step[]) => {
          const run = crypto.randomUUID().slice(0, 8);
          const email = (who: number) => `p${who}-${run}@example.org`;
          for (const step of steps) {
            const address = email(step.who);
            if (step.kind === 'sign' || step.kind === 'duplicate') {
              const variant = step.kind === 'duplicate' ? ` ${address.toUpperCase()} ` : address;
              expect((await signJson(signer({ email: variant }))).status).toBe(202);
            } else {
              const mails = await mailsTo(address);
              const last = mails.at(-1);
              if (!last) continue;
              if (step.kind === 'withdraw') {
                await postJson('/api/signatures/withdraw', { token: tokenIn(last, 'withdraw') });
              } else {
                if (!last.text.includes('/confirm/')) continue;
                const token = tokenIn(last, 'confirm');
                const n = step.kind === 'confirmTwice' ? 2 : 1;
                const results = await Promise.all(Array.from({ length: n }, () => postJson('/api/signatures/confirm', { token })));
                for (const r of results) expect(r.status).toBeLessThan(500);
              }
            }
            expect((await counts()).individuals).toBe(await confirmedRows());
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
