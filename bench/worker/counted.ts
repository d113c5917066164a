// The app with its D1 binding counted, for `npm run bench` only (bench/d1-count.ts runs
// `wrangler dev bench/worker/counted.ts --var BENCH_COUNT_D1:1`). With BENCH_COUNT_D1
// unset it is the app unchanged. With it set:
// - every response carries `x-bench-d1: rt=...; write-tx=...` (the D1 calls made while
//   the request was answered; work after the response is in the totals only);
// - GET /__bench/d1 returns the isolate's totals since the last DELETE /__bench/d1
//   (every handler: requests, work after responses, queue consumers, cron).
// The app's own entry (src/index.ts) does not import this file, so none of it exists
// under `npm start`, in the tests or in production.

import { LiveCounts as AppLiveCounts } from '../../src/counts/live/LiveCounts.ts';
import app from '../../src/index.ts';
import { countedD1, D1_HEADER, type D1Tally, emptyTally, formatTally } from './d1-counter.ts';

// The app's Durable Object classes. Nothing else may be exported here: workerd takes
// every export of the entry module for an entrypoint.
export * from '../../src/index.ts';

const enabled = (env: Env) => (env as { BENCH_COUNT_D1?: string }).BENCH_COUNT_D1 === '1';

let totals = emptyTally();
const withCounted = (env: Env, tallies: D1Tally[]): Env => ({ ...env, DB: countedD1(env.DB, tallies) });

type Handler = (first: unknown, env: Env, ctx: ExecutionContext) => unknown;
const handlers = app as unknown as Record<string, Handler | undefined>;

async function fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  if (!enabled(env)) return handlers.fetch!(request, env, ctx) as Promise<Response>;
  if (new URL(request.url).pathname === '/__bench/d1') {
    if (request.method === 'DELETE') totals = emptyTally();
    return Response.json(totals, { headers: { 'cache-control': 'no-store' } });
  }
  const mine = emptyTally();
  const res = (await handlers.fetch!(request, withCounted(env, [mine, totals]), ctx)) as Response;
  if (res.status === 101) return res;
  const out = new Response(res.body, res);
  out.headers.set(D1_HEADER, formatTally(mine));
  return out;
}

// Every other handler the app exports (scheduled, queue...), with the binding counted
// into the totals.
const wrapped: Record<string, Handler> = {};
for (const [name, handler] of Object.entries(handlers)) {
  if (name === 'fetch' || typeof handler !== 'function') continue;
  wrapped[name] = (first, env, ctx) => handler(first, enabled(env) ? withCounted(env, [totals]) : env, ctx);
}

export default { ...wrapped, fetch } as ExportedHandler<Env>;

// The live-count objects' reads (one per coalesced broadcast) count into the totals too.
export class LiveCounts extends AppLiveCounts {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, enabled(env) ? withCounted(env, [totals]) : env);
  }
}
