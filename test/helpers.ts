import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import worker, { app } from '../src/index.ts';
import type { Mail } from '../src/platform/mail/mailer.ts';
import { MAIL_QUEUE } from '../src/platform/mail/queue.ts';
import { SIGN_QUEUE } from '../src/signatures/signatures.consumer.ts';

// The queues as the tests see them: messages the app enqueued wait here until
// drainQueues() hands them, batch by batch, to the Worker's real queue consumers
// (signatures first: their consumer enqueues mail). Draining after every request makes
// rows and mail arrive deterministically; the Queues binding itself delivers after a
// batch timeout (test/platform/mail/queue.test.ts goes through it).
type Held<T> = { id: string; body: T; attempts: number };
let messageSeq = 0;
function capturingQueue<T>(held: Held<T>[]): Queue<T> {
  const hold = (body: T) => held.push({ id: `m${++messageSeq}`, body, attempts: 1 });
  return {
    async send(body: T) {
      hold(body);
    },
    async sendBatch(messages: Iterable<{ body: T }>) {
      for (const m of messages) hold(m.body);
    },
  } as unknown as Queue<T>;
}
const heldSignatures: Held<unknown>[] = [];
const heldMail: Held<Mail>[] = [];
export const mailQueue = capturingQueue(heldMail);
export const signQueue = capturingQueue(heldSignatures);
// Like Queues: a message the consumer retried (or did not acknowledge because it threw)
// comes back in a later batch, until its last try.
const MAX_TRIES = 8;

async function drain<T>(name: string, held: Held<T>[], consumerEnv: Env) {
  const taken = held.splice(0, 100);
  if (taken.length === 0) return null;
  const batch = createMessageBatch<T>(name, taken.map((m) => ({ id: m.id, timestamp: Date.now(), attempts: m.attempts, body: m.body })));
  const ctx = createExecutionContext();
  let threw = false;
  try {
    await worker.queue(batch, consumerEnv);
  } catch {
    threw = true;
  }
  const result = await getQueueResult(batch, ctx);
  const acked = new Set(result.ackAll && !threw ? taken.map((m) => m.id) : result.explicitAcks);
  for (const m of taken) if (!acked.has(m.id) && m.attempts < MAX_TRIES) held.push({ ...m, attempts: m.attempts + 1 });
  return result;
}

// Runs the signature consumer once on what waits (retried messages wait for the next call).
export async function drainSignatures(consumerEnv: Env = appEnv()) {
  return drain(SIGN_QUEUE, heldSignatures, consumerEnv);
}

// Runs the mail consumer on everything enqueued; returns the queue result (acks, retries).
export async function drainMail(consumerEnv: Env = appEnv()) {
  return drain(MAIL_QUEUE, heldMail, consumerEnv);
}

// One pass of each consumer over what waits: signatures first (their consumer enqueues mail).
export async function drainQueues(consumerEnv: Env = appEnv()) {
  await drainSignatures(consumerEnv);
  await drainMail(consumerEnv);
}

// The environment a request sees: the test bindings, with the capturing queues.
export function appEnv(overrides: Partial<Env> = {}): Env {
  return { ...env, MAIL_QUEUE: mailQueue, SIGN_QUEUE: signQueue, ...overrides } as Env;
}

// Calls the app in-process (no server), as the platform would, waits for any work it
// scheduled with waitUntil, and runs the queue consumers on what it enqueued.
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.request(path.startsWith('http') ? path : `http://localhost:8787${path}`, init, appEnv(), ctx);
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
