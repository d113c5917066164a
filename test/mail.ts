import { env } from 'cloudflare:test';

// The newest mail the development transport recorded for an address.
export async function lastMailTo(to: string): Promise<{ subject: string; text: string } | null> {
  return env.DB.prepare('SELECT subject, text FROM dev_outbox WHERE "to" = ?1 ORDER BY id DESC LIMIT 1').bind(to).first<{ subject: string; text: string }>();
}

// The token of the first link in the newest mail to an address that contains `path`.
export async function linkTokenFrom(to: string, path: string): Promise<string> {
  const mail = await lastMailTo(to);
  const m = mail?.text.match(new RegExp(`${path.replaceAll('/', '\\/')}([A-Za-z0-9_-]{43})`));
  if (!m?.[1]) throw new Error(`no ${path} link in the mail to ${to}`);
  return m[1];
}
