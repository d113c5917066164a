import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_TRIGGERED_MAILS, mailsRecorded, recipientKey, recordMail, reserveMail } from '../../../src/platform/mail/ledger.ts';

describe('mail ledger', () => {
  it('reserves at most MAX_TRIGGERED_MAILS per recipient and pledge; organiser notices are recorded but not capped', async () => {
    const key = await recipientKey(env.IP_HASH_SECRET, `ledger-${crypto.randomUUID()}@example.org`);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const results = [];
    for (let i = 0; i < MAX_TRIGGERED_MAILS + 3; i++) results.push(await reserveMail(env.DB, key, 1, 'test', Date.now()));
    expect(results.filter(Boolean)).toHaveLength(MAX_TRIGGERED_MAILS);
    expect(results.slice(MAX_TRIGGERED_MAILS).every((r) => r === false)).toBe(true);
    // Another pledge has its own budget.
    expect(await reserveMail(env.DB, key, 2, 'test', Date.now())).toBe(true);
    await recordMail(env.DB, key, 1, 'notice', Date.now());
    expect(await mailsRecorded(env.DB, key, 1)).toBe(MAX_TRIGGERED_MAILS + 1);
  });

  it('keys by the normalised address under a secret', async () => {
    const a = await recipientKey('s1', 'x@example.org');
    expect(await recipientKey('s1', 'x@example.org')).toBe(a);
    expect(await recipientKey('s2', 'x@example.org')).not.toBe(a);
  });
});
