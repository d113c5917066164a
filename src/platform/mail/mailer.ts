import { desc } from 'drizzle-orm';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { devOutbox } from '../db/schema.ts';
import { queueMailer } from './queue.ts';

export type Mail = { to: string; subject: string; text: string; html: string };

// One interface, several transports; chosen by MAIL_TRANSPORT. sendMany, where a
// transport has it, delivers a queue batch at once (the dev outbox: one D1 transaction).
export interface Mailer {
  send(mail: Mail): Promise<void>;
  sendMany?(mails: Mail[]): Promise<void>;
}

export type MailEnv = Pick<Env, 'DB' | 'MAIL_TRANSPORT' | 'MAIL_FROM'> & {
  MAIL_QUEUE?: Queue<Mail>;
  EMAIL?: { send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown> };
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
      await db(d1).insert(devOutbox).values(mail);
      logLinks(mail);
    },
    async sendMany(mails) {
      if (mails.length === 0) return;
      // One row per statement (D1 binds at most 100 parameters), all in one transaction.
      const d = db(d1);
      const [first, ...rest] = mails.map((mail) => d.insert(devOutbox).values(mail));
      await d.batch([first!, ...rest]);
      mails.forEach(logLinks);
    },
  };
}

// Cloudflare Email Service binding (env.EMAIL.send).
export function bindingMailer(binding: NonNullable<MailEnv['EMAIL']>, from: string): Mailer {
  return {
    async send(mail) {
      await binding.send({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
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
        body: JSON.stringify({ from, ...mail }),
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
  return db(d1).select({ to: devOutbox.to, subject: devOutbox.subject, text: devOutbox.text, sentAt: devOutbox.sentAt }).from(devOutbox).orderBy(desc(devOutbox.id)).limit(limit);
}
