import { db } from '../platform/db/client.ts';
import { coalescingD1 } from '../platform/db/coalesce.ts';
import type { Mail, Mailer } from '../platform/mail/mailer.ts';
import { retryDelaySeconds } from '../platform/mail/queue.ts';
import { signPledge } from './signatures.actions.ts';
import { type SignRequest, sustainedLimits } from './signatures.handlers.ts';
import { listDomainRules } from './verification.queries.ts';

// The signature queue's consumer: a batch of validated signatures (up to 100) is
// recorded together. Each signature runs the ordinary sign use case, but over a
// coalescing D1 binding, so the INSERTs of the whole batch are one D1 transaction
// (duplicates and sustained limits are still decided inside each INSERT, in order),
// and the follow-up reads and writes of every signature share the next rounds. Their
// mails are enqueued together at the end. A signature whose round fails is retried.
export const SIGN_QUEUE = 'pledge-signatures';

export async function recordSignatures(batch: MessageBatch<SignRequest>, env: Env): Promise<void> {
  const d1 = coalescingD1(env.DB);
  const mails: Mail[] = [];
  const mailer: Mailer = { send: async (mail) => void mails.push(mail) };
  const limits = sustainedLimits(env);
  // One read of the organisers' institution domains for the whole batch.
  const domainRules = await listDomainRules(db(env.DB));
  const done = await Promise.all(
    batch.messages.map(async (message) => {
      const r = message.body;
      try {
        await signPledge({ d1, mailer, now: r.now, baseUrl: r.baseUrl, limits, mailKeySecret: env.IP_HASH_SECRET, domainRules }, r.target, r.input, r.ipHash);
        return true;
      } catch (err) {
        console.error(`recording a signature failed (try ${message.attempts}): ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        return false;
      }
    }),
  );
  // The rows are written; now their mails (a failure here retries the batch, and the
  // retried signatures count as duplicates, which re-send within the mail cap).
  for (let i = 0; i < mails.length; i += 100) {
    await env.MAIL_QUEUE.sendBatch(mails.slice(i, i + 100).map((body) => ({ body, contentType: 'json' as const })));
  }
  batch.messages.forEach((m, i) => {
    if (done[i]) m.ack();
  });
}
