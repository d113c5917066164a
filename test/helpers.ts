import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { app } from '../src/index.ts';

// Calls the app in-process (no server), as the platform would, and waits for any
// work it scheduled with waitUntil.
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.request(path.startsWith('http') ? path : `http://localhost:8787${path}`, init, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export async function json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await request(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
