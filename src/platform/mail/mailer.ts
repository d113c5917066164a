import { desc } from 'drizzle-orm';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { devOutbox } from '../db/schema.ts';

export type Mail = { to: string; subject: string; text: string; html: string };

// One interface, several transports; chosen by MAIL_TRANSPORT.
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

type MailEnv = Pick<Env, 'DB' | 'MAIL_TRANSPORT' | 'MAIL_FROM'> & {
  EMAIL?: { send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown> };
  MAIL_HTTP_URL?: string;
  MAIL_HTTP_TOKEN?: string;
};

// Development: records the mail in D1 (served at /dev/outbox) and prints only the
// links, never the address, to the console.
export function devMailer(d1: D1Database): Mailer {
  return {
    async send(mail) {
      await db(d1).insert(devOutbox).values(mail);
      const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
      console.log(`[dev mail] ${mail.subject}${links.length ? `\n  ${links.join('\n  ')}` : ''}`);
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

export function mailerFor(env: MailEnv): Mailer {
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
  return db(d1)
    .select({ to: devOutbox.to, subject: devOutbox.subject, text: devOutbox.text, sentAt: devOutbox.sentAt })
    .from(devOutbox)
    .orderBy(desc(devOutbox.id))
    .limit(limit);
}
