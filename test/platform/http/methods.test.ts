import { describe, expect, it } from 'vitest';
import { request } from '../../support/app.ts';

describe('wrong methods', () => {
  it('answer 405 with Allow, as JSON under /api', async () => {
    const res = await request('/api/pledges/cast-2020/signatures', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: { code: 'method_not_allowed', message: 'Use POST.' } });
    const del = await request('/api/pledges/cast-2020', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    expect((await request('/api/signatures/confirm', { method: 'PUT' })).status).toBe(405);
  });

  it('answer 405 on pages too, and 404 where nothing matches', async () => {
    const res = await request('/p/cast-2020/check-email/resend', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect((await request('/p/cast-2020', { method: 'PUT', headers: { origin: 'http://localhost:8787' } })).status).toBe(405);
    expect((await request('/nowhere/at/all', { method: 'DELETE', headers: { origin: 'http://localhost:8787' } })).status).toBe(404);
    // Without our origin a state-changing page request is refused before routing.
    expect((await request('/nowhere/at/all', { method: 'DELETE' })).status).toBe(403);
  });
});
