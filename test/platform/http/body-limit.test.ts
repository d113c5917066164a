import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sessionCookie } from '../../support/admin.ts';
import { request } from '../../support/app.ts';

// Issue 13, item 10: every form post has a body limit, checked before the form is parsed,
// with or without Content-Length (chunked bodies).
const ORIGIN = 'http://localhost:8787';
const KB = 1024;

// A body generated as it is read, so a test can send "200 MB" cheaply and see how much
// of it the app pulled before answering.
function lazyBody(totalBytes: number) {
  let sent = 0;
  const chunk = new TextEncoder().encode(`name=${'x'.repeat(16 * KB - 5)}`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  return { stream, read: () => sent };
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': '203.0.113.9', ...headers },
    body,
    // @ts-expect-error: workerd needs duplex for a streamed body
    duplex: 'half',
    redirect: 'manual',
  });
}

const FORMS = [
  '/p/cast-2020/sign',
  '/p/cast-2020/endorse',
  `/confirm/${'A'.repeat(43)}`,
  `/withdraw/${'A'.repeat(43)}`,
  '/admin/login',
  '/admin/logout',
  '/admin/endorsements/1/reject',
  '/admin/signatures/bulk',
];

describe('form body limit', () => {
  it('answers 413 with the error page to a form over 64 KB, on every public and admin form', async () => {
    const cookie = await sessionCookie('Limit Tester');
    const big = `name=${'x'.repeat(64 * KB)}`;
    for (const path of FORMS) {
      const res = await post(path, big, { cookie });
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text(), path).toContain('<html');
    }
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit, without reading the rest', async () => {
    for (const path of ['/p/cast-2020/sign', '/admin/login']) {
      const body = lazyBody(200 * KB * KB);
      const res = await post(path, body.stream);
      expect(res.status, path).toBe(413);
      expect(body.read(), path).toBeLessThan(256 * KB);
    }
  });

  it('refuses a declared 200 MB body at once, from its Content-Length', async () => {
    const body = lazyBody(200 * KB * KB);
    const res = await post('/p/cast-2020/sign', body.stream, { 'content-length': String(200 * KB * KB) });
    expect(res.status).toBe(413);
    expect(body.read()).toBeLessThan(256 * KB);
  });

  it('keeps the JSON error shape on the API', async () => {
    const res = await request('/api/pledges/cast-2020/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(40 * KB) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    const chunked = lazyBody(200 * KB * KB);
    const streamed = await post('/api/pledges/cast-2020/signatures', chunked.stream, { 'content-type': 'application/json' });
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    expect(chunked.read()).toBeLessThan(256 * KB);
  });

  it('still accepts ordinary forms, and an organiser pledge text of 1 MB (the editor has a larger limit)', async () => {
    const email = `limit-${crypto.randomUUID().slice(0, 8)}@example.edu`;
    const ok = await post('/p/cast-2020/sign', new URLSearchParams({ name: '张三', email, affiliation: '某大学', field: 'science', region: 'CN-BJ' }).toString(), {
      'cf-connecting-ip': '203.0.113.10',
    });
    expect(ok.status).toBe(303);
    const cookie = await sessionCookie('Limit Tester');
    // A large but allowed edit: answered by the editor (its own validation), not by the limit.
    const res = await post('/admin/pledges/cast-2020', `texts.en.body=${'x'.repeat(KB * KB)}`, { cookie });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
    // Unauthenticated, even the editor's path is refused before anything is read.
    const anon = lazyBody(200 * KB * KB);
    expect((await post('/admin/pledges/cast-2020', anon.stream)).status).toBe(401);
    expect(anon.read()).toBeLessThan(256 * KB);
    await env.DB.prepare('SELECT 1').first();
  });
});
