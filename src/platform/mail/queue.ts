import { type Mail, type MailEnv, type Mailer, stillWanted, transportFor } from './mailer.ts';

// Mail leaves the request path through a Cloudflare Queue: handlers enqueue the mail
// (one queue send, a few ms), and the consumer delivers in batches, retrying with
// backoff; after its last try a message moves to the dead-letter queue (wrangler.toml).
// Nothing enqueued is lost: a failed delivery is retried, never dropped.
export const MAIL_QUEUE = 'pledge-mail';

// Backoff between tries: 2, 4, 8, 16... seconds, at most 10 minutes.
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), 600);
}

export function queueMailer(queue: Queue<Mail>): Mailer {
  return {
    async send(mail) {
      await queue.send(mail, { contentType: 'json' });
    },
  };
}

// The queue consumer: sends each message with the configured transport. A message
// whose delivery fails is retried on its own, so one bad address cannot hold back or
// repeat the rest of the batch. A transport that takes a whole batch (the dev outbox)
// gets it at once, and falls back to one by one if that fails.
// An update mail (updateFor) whose signer unsubscribed or withdrew since it was queued
// is acknowledged without being sent.
export async function deliverMail(batch: MessageBatch<Mail>, env: MailEnv): Promise<{ sent: number; retried: number }> {
  const transport = transportFor(env);
  const wanted = await stillWanted(
    env.DB,
    batch.messages.map((m) => m.body),
  );
  const messages = batch.messages.filter((m, i) => {
    if (!wanted[i]) m.ack();
    return wanted[i];
  });
  if (transport.sendMany && messages.length > 1) {
    try {
      await transport.sendMany(messages.map((m) => m.body));
      if (messages.length === batch.messages.length) batch.ackAll();
      else for (const m of messages) m.ack();
      return { sent: messages.length, retried: 0 };
    } catch {
      // Deliver one by one below, so only the failing messages are retried.
    }
  }
  let sent = 0;
  let retried = 0;
  for (const message of messages) {
    try {
      await transport.send(message.body);
      message.ack();
      sent += 1;
    } catch (err) {
      // Log the kind of failure, never the address.
      console.error(`mail delivery failed (try ${message.attempts}): ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      retried += 1;
    }
  }
  return { sent, retried };
}
