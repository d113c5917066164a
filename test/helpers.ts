import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import worker, { app } from '../src/index.ts';
import type { Mail } from '../src/platform/mail/mailer.ts';
import { MAIL_QUEUE } from '../src/platform/mail/queue.ts';

// The mail queue as the tests see it: messages the app enqueued wait here until
// drainMail() hands them, as one batch, to the Worker's real queue consumer. Draining
// after every request makes mail arrive deterministically (the Queues binding itself
// delivers after a batch timeout; test/platform/mail/queue.test.ts covers it).
const queued: Mail[] = [];
let messageSeq = 0;
export const mailQueue = {
  async send(body: Mail) {
    queued.push(body);
  },
  async sendBatch(messages: Iterable<{ body: Mail }>) {
    for (const m of messages) queued.push(m.body);
  },
} as unknown as Queue<Mail>;

// Runs the consumer on everything enqueued; returns the queue result (acks, retries).
export async function drainMail(consumerEnv: Env = env) {
  const bodies = queued.splice(0);
  if (bodies.length === 0) return null;
  const batch = createMessageBatch<Mail>(MAIL_QUEUE, bodies.map((body) => ({ id: `m${++messageSeq}`, timestamp: Date.now(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, consumerEnv);
  return getQueueResult(batch, ctx);
}

// The environment a request sees: the test bindings, with the capturing mail queue.
export function appEnv(overrides: Partial<Env> = {}): Env {
  return { ...env, MAIL_QUEUE: mailQueue, ...overrides } as Env;
}

// Calls the app in-process (no server), as the platform would, waits for any work it
// scheduled with waitUntil, and delivers the mail it enqueued.
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.request(path.startsWith('http') ? path : `http://localhost:8787${path}`, init, appEnv(), ctx);
  await waitOnExecutionContext(ctx);
  await drainMail();
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
