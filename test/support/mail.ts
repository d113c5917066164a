// The development outbox (MAIL_TRANSPORT=dev records every mail in D1): what was sent to
// an address, and the tokens of the links in it.
import { env } from 'cloudflare:test';

export type OutboxMail = { to: string; subject: string; text: string; html: string };

// Every mail to an address, oldest first.
export async function mailsTo(address: string): Promise<OutboxMail[]> {
  const { results } = await env.DB.prepare('SELECT "to", subject, text, html FROM dev_outbox WHERE "to" = ?1 ORDER BY id').bind(address).all<OutboxMail>();
  return results;
}

// The newest mail to an address.
export async function lastMailTo(address: string): Promise<OutboxMail | null> {
  return (await mailsTo(address)).at(-1) ?? null;
}

// The token of the first link in a mail under a path: 'confirm', 'withdraw', '/endorse/confirm/'.
export function tokenIn(mail: OutboxMail | null | undefined, path: string): string {
  const segment = path.replace(/^\/+|\/+$/g, '').replaceAll('/', '\\/');
  const m = mail?.text.match(new RegExp(`\\/${segment}\\/([A-Za-z0-9_-]{43})`));
  if (!m?.[1]) throw new Error(`no /${path.replace(/^\/+|\/+$/g, '')}/ link in the mail${mail ? ` to ${mail.to}` : ''}`);
  return m[1];
}

// The token of the link under `path` in the newest mail to an address.
export async function linkTokenFrom(address: string, path: string): Promise<string> {
  return tokenIn(await lastMailTo(address), path);
}
