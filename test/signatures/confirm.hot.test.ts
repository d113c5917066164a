import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker, { app } from '../../src/index.ts';
import { ORIGIN } from '../support/app.ts';
import { faultyD1 } from '../support/faulty-d1.ts';
import { appEnv, drainQueues } from '../support/queues.ts';
import { counts, sign } from '../support/signers.ts';

// Issue 14: POST /api/signatures/confirm is answered before the router when it succeeds
// (src/signatures/confirm.hot.ts). It must be the app's answer, byte for byte, and every
// other answer must still be the app's own.
type Init = { body?: BodyInit; headers?: Record<string, string>; method?: string };
// With the Content-Length a client sends.
const confirmInit = (body: unknown, headers: Record<string, string> = {}): Init => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(text).byteLength), ...headers }, body: text };
};
// A body sent in chunks, with no declared length.
const streamed = (text: string): Init => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: new ReadableStream({
    start(c) {
      for (let i = 0; i < text.length; i += 1000) c.enqueue(new TextEncoder().encode(text.slice(i, i + 1000)));
      c.close();
    },
  }),
});

// Through the Worker's own fetch, as the platform calls it.
async function viaWorker(init: Init, e: Env = appEnv()): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}/api/signatures/confirm`, init) as Request<unknown, IncomingRequestCfProperties>, e, ctx);
  await waitOnExecutionContext(ctx);
  await drainQueues();
  return res;
}

// Through the router, as before the fast path.
async function viaRouter(init: Init, e: Env = appEnv()): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}/api/signatures/confirm`, init), e, ctx);
  await waitOnExecutionContext(ctx);
  await drainQueues();
  return res;
}

const answer = async (res: Response) => ({ status: res.status, headers: [...res.headers], body: await res.text() });

describe('a JSON confirmation before the router', () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers a confirmation without the router, with the app's bytes and headers, and counts it once", async () => {
    const a = await sign();
    const b = await sign();
    const before = await counts();
    const routed = vi.spyOn(app, 'fetch');
    const fast = await answer(await viaWorker(confirmInit({ token: a.confirm }, { 'accept-language': 'en' })));
    // (counted, not printed: the calls hold the execution context)
    expect(routed.mock.calls.length).toBe(0);
    routed.mockRestore();
    const slow = await answer(await viaRouter(confirmInit({ token: b.confirm }, { 'accept-language': 'en' })));
    expect(fast.status).toBe(200);
    expect(fast.headers).toEqual(slow.headers);
    // The same body but for each signer's own withdraw token.
    expect(JSON.parse(fast.body)).toEqual({ status: 'confirmed', alreadyConfirmed: false, withdrawToken: a.withdraw });
    expect(fast.body.replace(a.withdraw, 'W')).toBe(slow.body.replace(b.withdraw, 'W'));
    expect((await counts()).individuals).toBe(before.individuals + 2);

    // A body of no declared length is read here too.
    const c = await sign();
    const spied = vi.spyOn(app, 'fetch');
    const chunked = await viaWorker(streamed(JSON.stringify({ token: c.confirm })));
    expect(spied.mock.calls.length).toBe(0);
    spied.mockRestore();
    expect(await chunked.json()).toEqual({ status: 'confirmed', alreadyConfirmed: false, withdrawToken: c.withdraw });
    expect((await counts()).individuals).toBe(before.individuals + 3);

    // Again: already confirmed, the same bytes both ways, nothing counted twice.
    const again = await answer(await viaWorker(confirmInit({ token: a.confirm })));
    expect(again).toEqual(await answer(await viaRouter(confirmInit({ token: a.confirm }))));
    expect(JSON.parse(again.body)).toMatchObject({ alreadyConfirmed: true, withdrawToken: a.withdraw });
    expect((await counts()).individuals).toBe(before.individuals + 3);
  });

  it('leaves every refusal to the app, which answers it from the same body', async () => {
    const expired = await sign();
    await env.DB.prepare(`UPDATE signature_tokens SET expires_at = 1 WHERE kind = 'confirm' AND signature_id = (SELECT id FROM signatures WHERE email = ?1)`)
      .bind(expired.email)
      .run();
    const cases: [string, () => Init, number][] = [
      ['an unknown token', () => confirmInit({ token: 'A'.repeat(43) }), 404],
      ['an expired link', () => confirmInit({ token: expired.confirm }), 410],
      ['no token', () => confirmInit({}), 400],
      ['a token that is not a string', () => confirmInit({ token: 7 }), 400],
      ['malformed JSON', () => confirmInit('{"token":'), 400],
      ['an array', () => confirmInit('[1]'), 400],
      ['a lone surrogate', () => confirmInit('{"token":"\\ud800"}'), 400],
      ['not JSON', () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"token":"x"}' }), 415],
      ['a body over the limit', () => confirmInit({ token: 'x', pad: 'p'.repeat(40_000) }), 413],
      ['a streamed body over the limit', () => streamed(JSON.stringify({ token: 'x', pad: 'p'.repeat(40_000) })), 413],
      ['a streamed unknown token', () => streamed(JSON.stringify({ token: 'A'.repeat(43) })), 404],
      ['a GET', () => ({ method: 'GET' }), 405],
    ];
    for (const [what, init, status] of cases) {
      const routed = vi.spyOn(app, 'fetch');
      const fast = await answer(await viaWorker(init()));
      expect(routed.mock.calls.length, what).toBe(1);
      routed.mockRestore();
      expect(fast.status, what).toBe(status);
      expect(fast, what).toEqual(await answer(await viaRouter(init())));
    }
    expect(await env.DB.prepare('SELECT state FROM signatures WHERE email = ?1').bind(expired.email).first('state')).toBe('pending');
  });

  it('hands a failed write to the app, which tries once more or answers 503; nothing is counted twice or lost', async () => {
    const isConfirm = (sql: string) => /^\s*UPDATE signatures SET\s+state = CASE/i.test(sql);
    const a = await sign();
    const before = await counts();
    let failures = 1;
    const once = await viaWorker(confirmInit({ token: a.confirm }), appEnv({ DB: faultyD1(env.DB, (sql) => isConfirm(sql) && failures-- > 0) }));
    expect(once.status).toBe(200);
    expect(await once.json()).toMatchObject({ status: 'confirmed', alreadyConfirmed: false });
    expect((await counts()).individuals).toBe(before.individuals + 1);

    const b = await sign();
    const down = await viaWorker(confirmInit({ token: b.confirm }), appEnv({ DB: faultyD1(env.DB, isConfirm) }));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await counts()).individuals).toBe(before.individuals + 1);
    // The link still works once D1 is back.
    expect((await viaWorker(confirmInit({ token: b.confirm }))).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals + 2);
  });
});
