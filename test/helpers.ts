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

// A distinct client address per call, so signing in tests never meets the per-IP
// burst limiter (30 per 10 s per key).
let ipCounter = 0;
const ipBase = crypto.getRandomValues(new Uint8Array(2));
export function nextIp(): string {
  ipCounter += 1;
  return `10.${ipBase[0]}.${(ipBase[1]! + (ipCounter >> 8)) % 256}.${ipCounter % 256}`;
}

let personCounter = 0;
export type SignerInput = { name?: string; email?: string; affiliation?: string; field?: string; region?: string; public?: boolean };

// Signs through the JSON API and returns the confirmation token from the dev outbox.
export async function sign(slug: string, input: SignerInput = {}): Promise<{ email: string; token: string }> {
  personCounter += 1;
  const email = input.email ?? `signer-${Date.now()}-${personCounter}-${Math.random().toString(36).slice(2, 8)}@example.edu`;
  const body = { name: `Signer ${personCounter}`, affiliation: 'Test University', field: 'science', region: 'CN-BJ', ...input, email };
  const res = await postJson(`/api/pledges/${slug}/signatures`, body, { 'cf-connecting-ip': nextIp() });
  if (res.status !== 202) throw new Error(`sign failed: ${res.status} ${await res.text()}`);
  const mail = await env.DB.prepare('SELECT text FROM dev_outbox WHERE "to" = ?1 ORDER BY id DESC LIMIT 1').bind(email).first<{ text: string }>();
  const token = mail?.text.match(/\/confirm\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error('no confirmation mail');
  return { email, token };
}

export async function confirm(token: string): Promise<void> {
  const res = await postJson('/api/signatures/confirm', { token });
  if (res.status !== 200) throw new Error(`confirm failed: ${res.status} ${await res.text()}`);
}

// Signs and confirms one signature; returns its email.
export async function signAndConfirm(slug: string, input: SignerInput = {}): Promise<string> {
  const { email, token } = await sign(slug, input);
  await confirm(token);
  return email;
}
