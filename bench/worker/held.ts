// The app for one bench measurement only: the sign request path with the queue
// consumers' work kept off the two cores while the burst runs. Under `wrangler dev` the
// signature and mail consumers run in the same process as the requests (on Cloudflare
// they are separate invocations); this entry holds each consumer batch, unprocessed and
// unacknowledged, while holding is on (`POST /__bench/hold`; the local queue then
// delivers no further batch), and lets them go on `DELETE /__bench/hold`: the bench then
// times the drain. Started
// by bench/run.ts with BENCH_HOLD_QUEUES=1; the app's own entry never imports it.
import app from '../../src/index.ts';

export * from '../../src/index.ts';

const enabled = (env: Env) => (env as { BENCH_HOLD_QUEUES?: string }).BENCH_HOLD_QUEUES === '1';

// A flag, polled: a consumer may not wait on a promise that another request settles
// (workerd cancels it: "Promise will never complete").
let holding = false;
let held = 0;

type Handler = (first: unknown, env: Env, ctx: ExecutionContext) => unknown;
const handlers = app as unknown as Record<string, Handler>;

export default {
  ...app,
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (enabled(env) && new URL(request.url).pathname === '/__bench/hold') {
      if (request.method === 'POST') holding = true;
      if (request.method === 'DELETE') holding = false;
      return Response.json({ holding, held }, { headers: { 'cache-control': 'no-store' } });
    }
    return handlers.fetch!(request, env, ctx) as Promise<Response>;
  },
  async queue(batch: MessageBatch, env: Env, ctx: ExecutionContext) {
    if (enabled(env) && holding) {
      held += batch.messages.length;
      while (holding) await new Promise((r) => setTimeout(r, 50));
    }
    return handlers.queue!(batch, env, ctx);
  },
} as ExportedHandler<Env>;
