import { describe, expect, it } from 'vitest';
import { sessionCookie } from '../../support/admin.ts';
import { json, request } from '../../support/app.ts';

// issue 13 item 9: one way to read query strings (zod), everywhere. A number that is
// not a plain integer in range is a 400 with the JSON error shape on the API, never a 5xx;
// a page falls back to its default.
const BAD_NUMBERS = ['0.5', '1e400', 'Infinity', '-1e400', 'abc', '-1', ''.padEnd(20, '9')];

async function expectInvalid(path: string, field: string) {
  const { status, body } = await json(path);
  expect(status, path).toBe(400);
  expect(body.error.code, path).toBe('validation_failed');
  expect(body.error.fields, path).toHaveProperty(field);
}

describe('public paged endpoints', () => {
  it('signatories: limit and cursor', async () => {
    for (const v of BAD_NUMBERS) await expectInvalid(`/api/pledges/cast-2020/signatories?limit=${encodeURIComponent(v)}`, 'limit');
    await expectInvalid('/api/pledges/cast-2020/signatories?limit=101', 'limit');
    await expectInvalid('/api/pledges/cast-2020/signatories?cursor=Infinity', 'cursor');
    await expectInvalid(`/api/pledges/cast-2020/signatories?q=${'x'.repeat(101)}`, 'q');
    expect((await request('/api/pledges/cast-2020/signatories?limit=100&q=')).status).toBe(200);
  });

  it('log entries: start and end', async () => {
    for (const v of BAD_NUMBERS) {
      await expectInvalid(`/api/pledges/cast-2020/log/entries?start=${encodeURIComponent(v)}`, 'start');
      await expectInvalid(`/api/pledges/cast-2020/log/entries?end=${encodeURIComponent(v)}`, 'end');
    }
    await expectInvalid('/api/pledges/cast-2020/log/entries?start=5&end=4', 'end');
    expect((await request('/api/pledges/cast-2020/log/entries?start=0&end=0')).status).toBe(200);
  });

  it('log checkpoints: before and limit', async () => {
    for (const v of BAD_NUMBERS) {
      await expectInvalid(`/api/pledges/cast-2020/log/checkpoints?before=${encodeURIComponent(v)}`, 'before');
      await expectInvalid(`/api/pledges/cast-2020/log/checkpoints?limit=${encodeURIComponent(v)}`, 'limit');
    }
    await expectInvalid('/api/pledges/cast-2020/log/checkpoints?limit=0', 'limit');
    expect((await request('/api/pledges/cast-2020/log/checkpoints?limit=1')).status).toBe(200);
  });

  it('log proofs: index, treeSize, first, second', async () => {
    for (const v of BAD_NUMBERS) {
      await expectInvalid(`/api/pledges/cast-2020/log/inclusion?index=${encodeURIComponent(v)}&treeSize=1`, 'index');
      await expectInvalid(`/api/pledges/cast-2020/log/consistency?first=0&second=${encodeURIComponent(v)}`, 'second');
    }
  });
});

describe('pages with query strings', () => {
  it('fall back to their defaults on bad numbers and cursors, never 5xx', async () => {
    const cookie = await sessionCookie();
    for (const v of BAD_NUMBERS) {
      const q = encodeURIComponent(v);
      for (const path of [`/p/cast-2020/signatories?cursor=${q}&q=${q}`, `/dev/outbox?limit=${q}`]) {
        const res = await request(path);
        expect(res.status, path).toBeLessThan(500);
      }
      for (const path of [`/admin/audit?before=${q}`, `/admin/trending?min=${q}`, `/admin/signatures?state=${q}&q=${q}`, `/admin/endorsements?state=${q}`]) {
        const res = await request(path, { headers: { cookie } });
        expect(res.status, path).toBe(200);
      }
    }
  });

  it('the dev outbox answers a bad limit with 400 JSON', async () => {
    for (const v of ['0.5', '1e400', 'Infinity', '-1e400', 'abc']) {
      const { status, body } = await json(`/dev/outbox?limit=${encodeURIComponent(v)}`);
      expect(status, v).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
    expect((await request('/dev/outbox?limit=1')).status).toBe(200);
  });
});
