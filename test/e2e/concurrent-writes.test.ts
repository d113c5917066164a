import { describe, expect, it } from 'vitest';
import { apiCounts, baseURL, linkPath, mailTo, uniqueEmail } from './browser.ts';

// Concurrent signatures and confirmations go in shared rounds (src/platform/rounds.ts):
// a round is sent from one request's context and settles the others', which the runtime
// supports across requests (wrangler dev and production; the workers test pool turns it
// off, so this runs against the real server). Every request must still answer for itself.
const post = (path: string, body: unknown, ip: string) =>
  fetch(`${baseURL()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: JSON.stringify(body) });

describe('concurrent signatures and confirmations on the real server', () => {
  it('each of 24 separate requests is signed, mailed, confirmed and counted once; the same links again say "already confirmed"', async () => {
    const emails = Array.from({ length: 24 }, (_, i) => uniqueEmail(`burst${i}`));
    // Signed at once too: concurrent signatures reach the queue in shared sendBatch calls
    // (src/platform/grouped-queue.ts), and each must still become its own mail.
    const signed = await Promise.all(
      emails.map((email, i) =>
        post('/api/pledges/cast-2020/signatures', { name: `Burst ${i}`, email, affiliation: 'Burst Lab', field: 'science', region: 'CN-BJ' }, `10.77.1.${i + 1}`),
      ),
    );
    expect(signed.map((r) => r.status)).toEqual(emails.map(() => 202));
    const tokens = [];
    for (const email of emails) tokens.push(linkPath(await mailTo(email), 'confirm').split('/')[2]!);
    const before = (await apiCounts()).individuals;

    const answers = await Promise.all(tokens.map((token, i) => post('/api/signatures/confirm', { token }, `10.77.2.${i + 1}`)));
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; alreadyConfirmed: boolean } })));
    expect(bodies).toEqual(tokens.map(() => ({ status: 200, body: expect.objectContaining({ status: 'confirmed', alreadyConfirmed: false }) })));

    const again = await Promise.all(tokens.slice(0, 6).map((token, i) => post('/api/signatures/confirm', { token }, `10.77.3.${i + 1}`)));
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ alreadyConfirmed: true });
    }
    // The public count moved by exactly the 24 (it is cached for a few seconds).
    await expect.poll(async () => (await apiCounts()).individuals, { timeout: 20_000, interval: 500 }).toBe(before + 24);
  });
});
