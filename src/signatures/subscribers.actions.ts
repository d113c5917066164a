import { hashToken, newToken } from '../platform/crypto/tokens.ts';
import { db } from '../platform/db/client.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import { recipientKey } from '../platform/mail/ledger.ts';
import { type Mail, type MailEnv, transportFor } from '../platform/mail/mailer.ts';
import { getCurrentTexts, pickText } from '../pledges/pledges.queries.ts';
import { markMailed, unmailedUpdates } from '../updates/updates.queries.ts';
import { MAIL_BATCH, paragraphs, parseLangText, pickLang } from '../updates/updates.ts';
import { manageLink } from './signatures.actions.ts';
import { updateMail } from './signatures.mails.ts';
import { addTokenStatements, type NewToken } from './signatures.queries.ts';
import { advanceCursorStatement, recordUpdateMailStatement, rewindCursor, subscribersAfter } from './subscribers.queries.ts';

// Mailing organisers' updates and milestones (notify) to the opted-in confirmed signers
// of their pledge, a batch of MAIL_BATCH at a time through the mail queue. Each signer
// gets their own mail with a fresh manage link and a one-click unsubscribe link (both
// hashed at rest), and nothing of anyone else. Update mails are recorded in the mail
// ledger uncapped: they count against no stranger-mail cap. An unsubscribe applies at
// once: the queue's consumer drops a waiting update mail whose signer opted out.
// Run after an organiser publishes (waitUntil) and by the Cron Trigger (the rest).

export type SubscriberEnv = MailEnv & { IP_HASH_SECRET: string };

// The queue takes at most 100 messages and 256 KB per sendBatch.
const BATCH_BYTES = 200_000;

async function enqueue(env: SubscriberEnv, mails: Mail[]): Promise<void> {
  if (!env.MAIL_QUEUE) {
    const transport = transportFor(env);
    for (const mail of mails) await transport.send(mail);
    return;
  }
  let chunk: Mail[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length > 0) await env.MAIL_QUEUE!.sendBatch(chunk.map((body) => ({ body, contentType: 'json' as const })));
    chunk = [];
    size = 0;
  };
  for (const mail of mails) {
    const bytes = JSON.stringify(mail).length * 3;
    if (chunk.length > 0 && (size + bytes > BATCH_BYTES || chunk.length >= 100)) await flush();
    chunk.push(mail);
    size += bytes;
  }
  await flush();
}

// Runs up to maxRounds batches; returns how many mails were enqueued.
export async function mailPendingUpdates(env: SubscriberEnv, baseUrl: string, now: number, maxRounds = 50): Promise<number> {
  const d = db(env.DB);
  let sent = 0;
  for (let round = 0; round < maxRounds; round++) {
    const [update] = await unmailedUpdates(d, 1);
    if (!update) break;
    const recipients = await subscribersAfter(d, update.pledgeId, update.mailCursor, MAIL_BATCH);
    if (recipients.length === 0) {
      await markMailed(d, update.id, now);
      continue;
    }
    const [pledge, texts] = await Promise.all([d.query.pledges.findFirst({ where: (p, { eq }) => eq(p.id, update.pledgeId) }), getCurrentTexts(d, update.pledgeId)]);
    const fallback: Lang = pledge && isLang(pledge.defaultLang) ? pledge.defaultLang : 'zh-Hans';
    const title = parseLangText(update.title);
    const body = parseLangText(update.body);
    const mails: Mail[] = [];
    const statements: D1PreparedStatement[] = [];
    const last = recipients.at(-1)!.id;
    statements.push(advanceCursorStatement(env.DB, update.id, update.mailCursor, last, recipients.length));
    for (const r of recipients) {
      if (!r.email || !r.emailKey) continue;
      const lang: Lang = isLang(r.lang) ? r.lang : fallback;
      const manage = await manageLink(baseUrl);
      const unsubscribe = newToken();
      const tokens: NewToken[] = [manage.token, { hash: await hashToken(unsubscribe), kind: 'unsubscribe', details: null, expiresAt: null }];
      statements.push(
        ...addTokenStatements(env.DB, r.id, tokens, now),
        recordUpdateMailStatement(env.DB, await recipientKey(env.IP_HASH_SECRET, r.emailKey), update.pledgeId, now),
      );
      const pledgeTitle = pickText(texts, lang, fallback)?.title ?? '';
      mails.push(
        updateMail(
          lang,
          r.email,
          r.id,
          pledgeTitle,
          {
            kind: update.kind,
            title: pickLang(title, lang, fallback).text,
            paragraphs: paragraphs(pickLang(body, lang, fallback).text).map((runs) => runs.map((x) => ('href' in x ? x.href : x.text)).join('')),
          },
          { manage: manage.url, unsubscribe: `${baseUrl}/unsubscribe/${unsubscribe}` },
        ),
      );
    }
    const [advanced] = await env.DB.batch(statements);
    // Another run took this batch meanwhile: its mails are its own.
    if ((advanced?.results.length ?? 0) === 0) continue;
    try {
      await enqueue(env, mails);
    } catch (err) {
      await rewindCursor(env.DB, update.id, update.mailCursor, last);
      throw err;
    }
    sent += mails.length;
  }
  return sent;
}
