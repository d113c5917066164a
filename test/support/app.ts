// The test harness's way into the app: in-process requests (no server), as the platform
// would call the Worker, and one generator of client addresses.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { app } from '../../src/index.ts';
import { appEnv, drainQueues } from './queues.ts';

export const ORIGIN = 'http://localhost:8787';

// Calls the app, waits for any work it scheduled with waitUntil, and runs the queue
// consumers on what it enqueued (test/support/queues.ts).
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.request(path.startsWith('http') ? path : `${ORIGIN}${path}`, init, appEnv(), ctx);
  await waitOnExecutionContext(ctx);
  await drainQueues();
  return res;
}

export async function json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await request(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

// A form post as a browser sends it: same origin, from a fresh address.
export function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': nextIp(), ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

// A distinct client address per call (from a random base per test file), so tests do not
// meet the per-IP burst limiter (30 per 10 s per key) unless they mean to.
let ipCounter = 0;
const ipBase = crypto.getRandomValues(new Uint8Array(2));
export function nextIp(): string {
  ipCounter += 1;
  return `10.${ipBase[0]}.${(ipBase[1]! + (ipCounter >> 8)) % 256}.${ipCounter % 256}`;
}
