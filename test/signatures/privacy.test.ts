import { describe, expect, it } from 'vitest';
import { postJson, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { signer, signJson } from '../support/signers.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

describe('no email address in public responses', () => {
  it('pages and API responses never contain a signer email', async () => {
    const person = signer({ public: true, email: `Visible.Person+${crypto.randomUUID().slice(0, 6)}@example.org` });
    await signJson(person);
    const mails = await mailsTo(person.email);
    await postJson('/api/signatures/confirm', { token: tokenIn(mails[0], 'confirm') });
    const bodies: string[] = [];
    for (const path of [
      '/p/cast-2020',
      '/p/cast-2020?lang=en',
      '/p/cast-2020?lang=zh-Hant',
      '/api/pledges',
      '/api/pledges/cast-2020',
      '/api/pledges/cast-2020/counts',
      '/p/cast-2020/check-email',
    ]) {
      const res = await request(path);
      expect(res.status, path).toBeLessThan(400);
      bodies.push(await res.text());
    }
    const failed = await signJson({ ...person, region: 'nowhere' });
    bodies.push(await failed.text());
    for (const body of bodies) {
      expect(body).not.toContain(person.email);
      expect(body).not.toContain(person.email.toLowerCase());
      // The only addresses a public page may show are none at all.
      expect(body.match(EMAIL) ?? []).toEqual([]);
    }
  });
});
