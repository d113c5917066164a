import { env } from 'cloudflare:test';
import { postJson, request } from '../helpers.ts';

let ipCounter = 0;
// A fresh client address per call, so tests do not trip the real per-IP burst limiter
// unless they mean to.
export function freshIp(): string {
  ipCounter += 1;
  return `198.51.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export function signer(overrides: Record<string, unknown> = {}) {
  return {
    name: '张三',
    email: `user${crypto.randomUUID().slice(0, 8)}@example.edu.cn`,
    affiliation: '某某大学物理学院',
    field: 'science',
    region: 'CN-BJ',
    ...overrides,
  };
}

export function signJson(body: unknown, { slug = 'cast-2020', ip = freshIp(), headers = {} as Record<string, string> } = {}) {
  return postJson(`/api/pledges/${slug}/signatures`, body, { 'cf-connecting-ip': ip, ...headers });
}

export function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787', 'cf-connecting-ip': freshIp(), ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export type OutboxMail = { to: string; subject: string; text: string; html: string };

export async function mailsTo(address: string): Promise<OutboxMail[]> {
  const { results } = await env.DB.prepare('SELECT "to", subject, text, html FROM dev_outbox WHERE "to" = ?1 ORDER BY id').bind(address).all<OutboxMail>();
  return results;
}

export function tokenIn(mail: OutboxMail | undefined, kind: 'confirm' | 'withdraw'): string {
  const m = mail?.text.match(new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`));
  if (!m) throw new Error(`no ${kind} link in mail`);
  return m[1]!;
}

export async function counts(slug = 'cast-2020'): Promise<{ individuals: number; societies: number }> {
  const res = await request(`/api/pledges/${slug}/counts`);
  return (await res.json()) as { individuals: number; societies: number };
}

export async function confirmedRows(slug = 'cast-2020'): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM signatures s JOIN pledges p ON p.id = s.pledge_id WHERE p.slug = ?1 AND s.state = 'confirmed'`,
  )
    .bind(slug)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

// Signs and returns the confirm and withdraw tokens from the confirmation mail.
export async function signAndGetTokens(overrides: Record<string, unknown> = {}) {
  const body = signer(overrides);
  const res = await signJson(body);
  if (res.status !== 202) throw new Error(`sign failed: ${res.status} ${await res.text()}`);
  const mails = await mailsTo(String(body.email).trim());
  const last = mails.at(-1);
  return { body, confirm: tokenIn(last, 'confirm'), withdraw: tokenIn(last, 'withdraw') };
}
