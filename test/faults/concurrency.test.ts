import { describe, expect, it } from 'vitest';
import { nextIp, postJson } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { confirmedRows, counts, signer, signJson } from '../support/signers.ts';

// 1,000 concurrent sign-and-confirm flows on one pledge, a fifth of them reusing another
// flow's email (in another case and with spaces), each confirming twice at once.
describe('concurrency', () => {
  it('1,000 concurrent sign-and-confirm flows end with counter = confirmed rows and no 5xx', async () => {
    const run = crypto.randomUUID().slice(0, 6);
    const emails = Array.from({ length: 800 }, (_, i) => `c${i}-${run}@example.org`);
    const flows = Array.from({ length: 1000 }, (_, i) => (i < 800 ? emails[i]! : ` ${emails[i - 800]!.toUpperCase()} `));
    const before = await counts();
    const statuses: number[] = [];

    await Promise.all(
      flows.map(async (email) => {
        const res = await signJson(signer({ email }), { ip: nextIp() });
        statuses.push(res.status);
        const address = email.trim();
        const mails = (await mailsTo(address)).concat(await mailsTo(address.toLowerCase()));
        const last = mails.filter((m) => m.text.includes('/confirm/')).at(-1);
        if (!last) return;
        const token = tokenIn(last, 'confirm');
        const [a, b] = await Promise.all([postJson('/api/signatures/confirm', { token }), postJson('/api/signatures/confirm', { token })]);
        statuses.push(a.status, b.status);
      }),
    );

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const after = await counts();
    expect(after.individuals).toBe(await confirmedRows());
    // Each of the 800 people counts at most once, however many flows raced.
    expect(after.individuals - before.individuals).toBeLessThanOrEqual(800);
    expect(after.individuals - before.individuals).toBeGreaterThan(700);
  }, 300_000);
});

describe('one token, many hands', () => {
  it('the same token confirmed 50 times at once counts once, every answer 2xx', async () => {
    const person = signer();
    await signJson(person);
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 50 }, () => postJson('/api/signatures/confirm', { token })));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { status: string; alreadyConfirmed: boolean }[];
    expect(answers.map((r) => r.status).every((s) => s === 200)).toBe(true);
    expect(bodies.filter((b) => !b.alreadyConfirmed)).toHaveLength(1);
    expect((await counts()).individuals).toBe(before.individuals + 1);
    expect(await confirmedRows()).toBe((await counts()).individuals);
  });
});
