import type { Context } from 'hono';
import type { KeepAlive } from '../rounds.ts';

// The request's waitUntil, for work that must outlive the response or a client that
// hangs up. Without an execution context (some test harnesses) the promise still runs.
export function keepAliveOf(c: Context): KeepAlive {
  return (work) => {
    try {
      c.executionCtx.waitUntil(work);
    } catch {
      // No execution context.
    }
  };
}

// The same for a handler that runs before the router, with the Worker's own context.
export function keepAliveIn(ctx: Pick<ExecutionContext, 'waitUntil'>): KeepAlive {
  return (work) => ctx.waitUntil(work);
}
