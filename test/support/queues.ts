import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import worker from '../../src/index.ts';
import type { Mail } from '../../src/platform/mail/mailer.ts';
import { MAIL_QUEUE } from '../../src/platform/mail/queue.ts';
import { SIGN_QUEUE } from '../../src/signatures/signatures.consumer.ts';

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
// comes back in a later batch, until its last try; then it moves to the queue's
// dead-letter queue. wrangler.toml: max_retries = 8, so 9 tries in all (the first and
// 8 retries; miniflare's broker counts the same way).
export const MAX_RETRIES = 8;
const deadLetters: Record<string, Held<unknown>[]> = {};
// What reached a queue's dead-letter queue (wrangler.toml dead_letter_queue), oldest first.
export const deadLettered = (queue: string) => [...(deadLetters[queue] ?? [])];

async function drain<T>(name: string, held: Held<T>[], consumerEnv: Env) {
  const taken = held.splice(0, 100);
  if (taken.length === 0) return null;
  const batch = createMessageBatch<T>(
    name,
    taken.map((m) => ({ id: m.id, timestamp: Date.now(), attempts: m.attempts, body: m.body })),
  );
  const ctx = createExecutionContext();
  let threw = false;
  try {
    await worker.queue(batch, consumerEnv);
  } catch {
    threw = true;
  }
  const result = await getQueueResult(batch, ctx);
  const acked = new Set(result.ackAll && !threw ? taken.map((m) => m.id) : result.explicitAcks);
  for (const m of taken) {
    if (acked.has(m.id)) continue;
    if (m.attempts <= MAX_RETRIES) held.push({ ...m, attempts: m.attempts + 1 });
    else deadLetters[name] = [...(deadLetters[name] ?? []), m];
  }
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
