import { and, desc, eq, inArray } from 'drizzle-orm';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { devOutbox, signatures } from '../db/schema.ts';
import { SIGNATURE } from '../db/states.ts';
import { queueMailer } from './queue.ts';

// headers: extra headers such as List-Unsubscribe (RFC 8058). updateFor: the mail is a
// pledge update for this signature id, delivered only if the signer is still confirmed
// and opted in when it leaves the queue (an unsubscribe applies at once).
export type Mail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string>; updateFor?: number };

const outboxRow = (mail: Mail) => ({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers ? JSON.stringify(mail.headers) : null });

// Of these update mails, the ones whose signer still wants them (one read per batch).
export async function stillWanted(d1: D1Database, mails: readonly Mail[]): Promise<boolean[]> {
  const ids = [...new Set(mails.flatMap((m) => (m.updateFor === undefined ? [] : [m.updateFor])))];
  if (ids.length === 0) return mails.map(() => true);
  const rows = await db(d1)
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(inArray(signatures.id, ids), eq(signatures.updates, true), eq(signatures.state, SIGNATURE.confirmed)));
  const wanted = new Set(rows.map((r) => r.id));
  return mails.map((m) => m.updateFor === undefined || wanted.has(m.updateFor));
}

// One interface, several transports; chosen by MAIL_TRANSPORT. sendMany, where a
// transport has it, delivers a queue batch at once (the dev outbox: one D1 transaction).
export interface Mailer {
  send(mail: Mail): Promise<void>;
  sendMany?(mails: Mail[]): Promise<void>;
}

export type MailEnv = Pick<Env, 'DB' | 'MAIL_TRANSPORT' | 'MAIL_FROM'> & {
  MAIL_QUEUE?: Queue<Mail>;
  EMAIL?: { send(message: { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> }): Promise<unknown> };
  MAIL_HTTP_URL?: string;
  MAIL_HTTP_TOKEN?: string;
};

// Development: records the mail in D1 (served at /dev/outbox) and prints only the
// links, never the address, to the console.
export function devMailer(d1: D1Database): Mailer {
  const logLinks = (mail: Mail) => {
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    console.log(`[dev mail] ${mail.subject}${links.length ? `\n  ${links.join('\n  ')}` : ''}`);
  };
  return {
    async send(mail) {
      await db(d1).insert(devOutbox).values(outboxRow(mail));
      logLinks(mail);
    },
    async sendMany(mails) {
      if (mails.length === 0) return;
      // One row per statement (D1 binds at most 100 parameters), all in one transaction.
      const d = db(d1);
      const [first, ...rest] = mails.map((mail) => d.insert(devOutbox).values(outboxRow(mail)));
      await d.batch([first!, ...rest]);
      mails.forEach(logLinks);
    },
  };
}

// Cloudflare Email Service binding (env.EMAIL.send).
export function bindingMailer(binding: NonNullable<MailEnv['EMAIL']>, from: string): Mailer {
  return {
    async send(mail) {
      await binding.send({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers ? { headers: mail.headers } : {}) });
    },
  };
}

// Any HTTP mail API that takes {from,to,subject,text,html} as JSON with a bearer token.
export function httpMailer(url: string, token: string, from: string, fetcher: typeof fetch = fetch): Mailer {
  return {
    async send(mail) {
      const res = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers ? { headers: mail.headers } : {}) }),
      });
      if (!res.ok) throw new Error(`mail API answered ${res.status}`);
    },
  };
}

// What request handlers send through: the mail queue when it is bound (always, under
// wrangler.toml), else the transport itself.
export function mailerFor(env: MailEnv): Mailer {
  return env.MAIL_QUEUE ? queueMailer(env.MAIL_QUEUE) : transportFor(env);
}

// The transport that delivers: development outbox, Email binding or HTTP API.
export function transportFor(env: MailEnv): Mailer {
  const mail = config(env).mail;
  switch (mail.transport) {
    case 'dev':
      return devMailer(env.DB);
    case 'http':
      if (!mail.httpUrl || !mail.httpToken) throw new Error('MAIL_HTTP_URL and MAIL_HTTP_TOKEN must be set');
      return httpMailer(mail.httpUrl, mail.httpToken, mail.from);
    case 'email':
      if (!env.EMAIL) throw new Error('the EMAIL binding is not configured');
      return bindingMailer(env.EMAIL, mail.from);
  }
}

export async function listOutbox(d1: D1Database, limit = 100) {
  const rows = await db(d1)
    .select({ to: devOutbox.to, subject: devOutbox.subject, text: devOutbox.text, sentAt: devOutbox.sentAt, headers: devOutbox.headers })
    .from(devOutbox)
    .orderBy(desc(devOutbox.id))
    .limit(limit);
  return rows.map(({ headers, ...mail }) => (headers ? { ...mail, headers: JSON.parse(headers) as Record<string, string> } : mail));
}
