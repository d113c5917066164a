import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsLink } from '../../../src/platform/http/text.ts';
import { nextIp, postForm, postJson, request } from '../../support/app.ts';
import { signer } from '../../support/signers.ts';

// Adversarial text: formula injection, markup and handlers, bidi and zero-width
// characters, NUL bytes, lone surrogates, very long strings, full-width @.
const nasty = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","x")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    '\u202Egnp.exe',
    'a\u200Bb\u200Dc',
    'nul\u0000byte',
    'lone\uD800surrogate',
    '\uDFFFx',
    '张三＠qq.com',
    'ＡＢＣ',
    '%E0%A4%A',
    '../../etc/passwd',
    'x'.repeat(10_240),
    '\r\n\tSet-Cookie: a=b',
    '🧪👩‍🔬',
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const anyValue = fc.oneof(nasty, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const fieldValue = fc.oneof(fc.constantFrom('science', 'medicine', 'other'), nasty);
const regionValue = fc.oneof(fc.constantFrom('CN-BJ', 'US', 'HK', 'CN-TW'), nasty);
const emailValue = fc.oneof(
  fc.constantFrom('A.B+tag@Example.ORG', 'wang@bücher.de', 'li＠qq.com', 'x@xn--bcher-kva.de', 'no-at-sign', 'a@b', '"quoted"@example.org'),
  nasty.map((s) => `${s}@example.org`),
  nasty,
);
const orcidValue = fc.constantFrom('0000-0002-1825-0097', '0000-0002-1694-233x', '0000-0002-1825-0098', '0000-0002-1825-009', 'https://orcid.org/0000-0001-5109-3700');

const body = fc.record(
  {
    name: nasty,
    email: emailValue,
    affiliation: nasty,
    field: fieldValue,
    region: regionValue,
    title: nasty,
    orcid: orcidValue,
    public: fc.oneof(fc.boolean(), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

// A page shown back after hostile input is complete and carries no live markup.
function expectWholePage(html: string) {
  expect(html.startsWith('<!DOCTYPE html><html')).toBe(true);
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  expect(html).not.toContain('<script>alert');
}

describe('fuzzing the public endpoints', () => {
  it('JSON signing: never 5xx; stored exactly as given, or refused with field errors', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await postJson('/api/pledges/cast-2020/signatures', b, { 'cf-connecting-ip': nextIp() });
        expect(res.status).toBeLessThan(500);
        const json = (await res.json()) as { status?: string; error?: { code: string; fields?: Record<string, string> } };
        if (res.status === 202) {
          expect(json).toEqual({ status: 'pending' });
          const row = await env.DB.prepare('SELECT name, affiliation, title FROM signatures ORDER BY id DESC LIMIT 1').first<{ name: string; affiliation: string }>();
          // A duplicate (same normalised email) keeps the first row; otherwise the newest row is ours.
          if (row && row.name === b.name) expect(row.affiliation).toBe(b.affiliation);
        } else {
          expect([400, 413]).toContain(res.status);
          expect(json.error?.code).toMatch(/validation_failed|payload_too_large/);
          if (res.status === 400) expect(Object.keys(json.error?.fields ?? {}).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('valid signatures with adversarial text are stored exactly and shown escaped', async () => {
    // Link-shaped text is refused in mailed fields (issue 13; signatures/consent.test.ts).
    const printable = nasty.filter(
      (s) => s.trim().length > 0 && s.length <= 100 && s.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s) && !containsLink(s),
    );
    await fc.assert(
      fc.asyncProperty(printable, async (name) => {
        const person = signer({ name, affiliation: name.slice(0, 100) });
        const res = await postJson('/api/pledges/cast-2020/signatures', person, { 'cf-connecting-ip': nextIp() });
        expect(res.status).toBe(202);
        const row = await env.DB.prepare('SELECT name FROM signatures WHERE email = ?1').bind(person.email).first<{ name: string }>();
        expect(row?.name).toBe(name);
        // Shown back in the form (e.g. after an error), it is escaped.
        const page = await postForm('/p/cast-2020/sign', { name, email: 'bad', affiliation: 'a', field: 'science', region: 'CN-BJ' });
        expect(page.status).toBe(400);
        const html = await page.text();
        expect(html).not.toContain('<script>alert(1)</script>');
        expect(html).not.toContain('<img src=x');
      }),
      { numRuns: 40 },
    );
  });

  it('form signing: never 5xx, never a broken page', async () => {
    const formBody = fc.dictionary(
      fc.constantFrom('name', 'email', 'affiliation', 'field', 'region', 'title', 'orcid', 'public', 'lang', 'version', 'website', 'junk'),
      nasty.filter((s) => s.isWellFormed()),
      { maxKeys: 11 },
    );
    await fc.assert(
      fc.asyncProperty(formBody, async (fields) => {
        const res = await postForm('/p/cast-2020/sign', fields);
        expect(res.status).toBeLessThan(500);
        if (res.status === 200 || res.status === 400) {
          const html = await res.text();
          expectWholePage(html);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('token endpoints: any token, any method, never 5xx', async () => {
    const token = fc.oneof(nasty, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.constantFrom('%E0%A4%A', '%', '%%', '..%2F..%2F'));
    await fc.assert(
      fc.asyncProperty(token, fc.constantFrom('GET', 'HEAD', 'POST'), fc.constantFrom('confirm', 'withdraw'), async (t, method, kind) => {
        const path = `/${kind}/${t.replace(/[/?#\s]/g, '_') || '_'}`;
        let res: Response;
        try {
          res = await request(path, { method, headers: { origin: 'http://localhost:8787' } });
        } catch (err) {
          // A URL the platform could not even construct never reaches the app.
          expect(String(err)).toMatch(/URL|url/);
          return;
        }
        expect(res.status).toBeLessThan(500);
        const api = await postJson(`/api/signatures/${kind}`, { token: t });
        expect(api.status).toBeLessThan(500);
        const dup = await request(`/api/signatures/${kind}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"token":"x","token":${JSON.stringify(t)}}`,
        });
        expect(dup.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

describe('fuzzing the endorsement endpoints', () => {
  const endorsementBody = fc.record(
    {
      name: nasty,
      nameEn: nasty,
      website: fc.oneof(fc.constantFrom('https://society.example.org', 'http://例子.中国', 'javascript:alert(1)', 'ftp://x', ''), nasty),
      category: fc.oneof(fc.constantFrom('science', 'medicine', 'other'), nasty),
      contactName: nasty,
      contactRole: nasty,
      email: emailValue,
      statement: nasty,
      extra: anyValue,
    },
    { requiredKeys: [] },
  );

  it('JSON: never 5xx; accepted (202) or refused with field errors', async () => {
    await fc.assert(
      fc.asyncProperty(endorsementBody, async (b) => {
        const res = await postJson('/api/pledges/cast-2020/endorsements', b, { 'cf-connecting-ip': nextIp() });
        expect(res.status).toBeLessThan(500);
        const json = (await res.json()) as { status?: string; error?: { code: string; fields?: Record<string, string> } };
        if (res.status === 202) expect(json).toEqual({ status: 'pending' });
        else {
          expect([400, 413]).toContain(res.status);
          if (res.status === 400) expect(Object.keys(json.error?.fields ?? {}).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('form: never 5xx, never a broken page', async () => {
    const formBody = fc.dictionary(
      fc.constantFrom('name', 'nameEn', 'website', 'category', 'contactName', 'contactRole', 'email', 'statement', 'lang', 'website2', 'junk'),
      nasty.filter((s) => s.isWellFormed()),
      { maxKeys: 11 },
    );
    await fc.assert(
      fc.asyncProperty(formBody, async (fields) => {
        const res = await postForm('/p/cast-2020/endorse', fields);
        expect(res.status).toBeLessThan(500);
        if (res.status === 200 || res.status === 400) {
          const html = await res.text();
          expectWholePage(html);
          expect(html).not.toContain('<img src=x');
        }
      }),
      { numRuns: 60 },
    );
  });
});
