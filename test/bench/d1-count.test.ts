import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import counted from '../../bench/worker/counted.ts';
import { D1_HEADER } from '../../bench/worker/d1-counter.ts';
import { nextIp } from '../support/app.ts';

// The bench's D1 instrumentation (bench/worker/counted.ts) exists only in that entry and
// only with BENCH_COUNT_D1=1: the app itself never counts, never sends the header and has
// no /__bench/d1 endpoint.
async function call(path: string, vars: Record<string, string>, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await counted.fetch!(new Request(`http://localhost:8787${path}`, init) as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const signInit = (email: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() },
  body: JSON.stringify({ name: 'Counted', email, affiliation: 'Count University', field: 'science', region: 'CN-BJ' }),
});

describe('bench D1 counter', () => {
  it('is absent from the app', async () => {
    const res = await SELF.fetch('http://localhost:8787/api/pledges/cast-2020/counts');
    expect(res.status).toBe(200);
    expect(res.headers.has(D1_HEADER)).toBe(false);
    expect((await SELF.fetch('http://localhost:8787/__bench/d1')).status).toBe(404);
    expect((env as { BENCH_COUNT_D1?: string }).BENCH_COUNT_D1).toBeUndefined();
  });

  it('is off in the bench entry unless BENCH_COUNT_D1 is 1', async () => {
    for (const vars of [{}, { BENCH_COUNT_D1: '' }, { BENCH_COUNT_D1: '0' }] as Record<string, string>[]) {
      const res = await call('/api/pledges/cast-2020/counts', vars);
      expect(res.status).toBe(200);
      expect(res.headers.has(D1_HEADER)).toBe(false);
      expect((await call('/__bench/d1', vars)).status).toBe(404);
    }
  });

  it('counts each call on the binding when enabled', async () => {
    const on = { BENCH_COUNT_D1: '1' };
    expect((await call('/__bench/d1', on, { method: 'DELETE' })).status).toBe(200);
    // The tests turn the read cache off, so the counts API reads D1.
    const counts = await call('/api/pledges/cast-2020/counts', on);
    const tally = Object.fromEntries(
      counts.headers
        .get(D1_HEADER)!
        .split('; ')
        .map((p) => p.split('=')),
    );
    expect(Number(tally.rt)).toBeGreaterThanOrEqual(1);
    expect(Number(tally['write-tx'])).toBe(0);
    const email = `counted-${Date.now()}@example.edu`;
    const signed = await call('/api/pledges/cast-2020/signatures', on, signInit(email));
    expect(signed.status).toBe(202);
    const signTally = Object.fromEntries(
      signed.headers
        .get(D1_HEADER)!
        .split('; ')
        .map((p) => p.split('=')),
    );
    // Write-behind signing: the request only enqueues; the INSERT is the consumer's.
    expect(Number(signTally['write-tx'])).toBe(0);
    const totals = (await (await call('/__bench/d1', on)).json()) as { roundTrips: number; writeTx: number };
    expect(totals.roundTrips).toBeGreaterThanOrEqual(Number(tally.rt) + Number(signTally.rt));
    expect(totals.writeTx).toBeGreaterThanOrEqual(Number(signTally['write-tx']));
    // Reset.
    const reset = (await (await call('/__bench/d1', on, { method: 'DELETE' })).json()) as { roundTrips: number };
    expect(reset.roundTrips).toBe(0);
  });
});
