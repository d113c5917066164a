import { describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';

// issue 13 item 9: every number in an organiser query is validated. These values were
// 503s (D1 refused OFFSET 0.5 / Infinity) or silently replaced by a default.
const BAD_NUMBERS = ['0.5', '1e400', 'Infinity', '-1e400', 'abc', '-1', ''.padEnd(20, '9')];

async function expectInvalid(path: string, field: string) {
  const res = await adminJson(path);
  expect(res.status, path).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
  expect(body.error.code, path).toBe('validation_failed');
  expect(typeof body.error.message).toBe('string');
  expect(body.error.fields, path).toHaveProperty(field);
}

describe('organiser API query strings', () => {
  it('GET /api/admin/signatures refuses non-integer limit and offset with 400', async () => {
    for (const v of BAD_NUMBERS) {
      await expectInvalid(`/api/admin/signatures?offset=${encodeURIComponent(v)}`, 'offset');
      await expectInvalid(`/api/admin/signatures?limit=${encodeURIComponent(v)}`, 'limit');
    }
    await expectInvalid('/api/admin/signatures?limit=0', 'limit');
    await expectInvalid('/api/admin/signatures?limit=501', 'limit');
    await expectInvalid('/api/admin/signatures?state=nonsense', 'state');
  });

  it('GET /api/admin/signatures still answers the valid forms', async () => {
    for (const q of ['', '?limit=1', '?limit=500&offset=0', '?offset=100000', '?q=x&state=confirmed', '?limit=']) {
      const res = await adminJson(`/api/admin/signatures${q}`);
      expect(res.status, q).toBe(200);
    }
    const page = (await (await adminJson('/api/admin/signatures?limit=2&offset=1')).json()) as { limit: number; offset: number; items: unknown[] };
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.items.length).toBeLessThanOrEqual(2);
  });

  it('GET /api/admin/endorsements refuses a bad limit or state with 400', async () => {
    for (const v of BAD_NUMBERS) await expectInvalid(`/api/admin/endorsements?limit=${encodeURIComponent(v)}`, 'limit');
    await expectInvalid('/api/admin/endorsements?state=held', 'state');
    for (const q of ['', '?state=pending&limit=1', '?state=rejected', '?state=unconfirmed&limit=200']) {
      expect((await adminJson(`/api/admin/endorsements${q}`)).status, q).toBe(200);
    }
  });

  it('GET /api/admin/audit and /api/admin/trending refuse bad numbers with 400', async () => {
    for (const v of BAD_NUMBERS) {
      await expectInvalid(`/api/admin/audit?before=${encodeURIComponent(v)}`, 'before');
      await expectInvalid(`/api/admin/audit?limit=${encodeURIComponent(v)}`, 'limit');
      await expectInvalid(`/api/admin/trending?min=${encodeURIComponent(v)}`, 'min');
    }
    expect((await adminJson('/api/admin/audit?limit=5&before=100')).status).toBe(200);
    expect((await adminJson('/api/admin/trending?min=3')).status).toBe(200);
  });
});
