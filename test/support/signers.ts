// Signing as a person does it, through the JSON API: a valid body, the confirmation mail,
// the confirm and withdraw tokens; and the counts the signatures move.
import { env } from 'cloudflare:test';
import { nextIp, postJson, request } from './app.ts';
import { lastMailTo, tokenIn } from './mail.ts';

// A valid signature body with a fresh address; `overrides` replace or add fields.
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

// POST /api/pledges/:slug/signatures from a fresh address (or the one given).
export function signJson(body: unknown, { slug = 'cast-2020', ip = nextIp(), headers = {} as Record<string, string> } = {}) {
  return postJson(`/api/pledges/${slug}/signatures`, body, { 'cf-connecting-ip': ip, ...headers });
}

export type Signed = { body: ReturnType<typeof signer>; email: string; confirm: string; withdraw: string };

// Signs (pending) and returns the body sent with the confirm and withdraw tokens of its mail.
export async function sign(overrides: Record<string, unknown> = {}, { slug = 'cast-2020' } = {}): Promise<Signed> {
  const body = signer(overrides);
  const res = await signJson(body, { slug });
  if (res.status !== 202) throw new Error(`sign failed: ${res.status} ${await res.text()}`);
  const email = String(body.email).trim();
  const mail = await lastMailTo(email);
  return { body, email, confirm: tokenIn(mail, 'confirm'), withdraw: tokenIn(mail, 'withdraw') };
}

export async function confirm(token: string): Promise<void> {
  const res = await postJson('/api/signatures/confirm', { token });
  if (res.status !== 200) throw new Error(`confirm failed: ${res.status} ${await res.text()}`);
}

// Signs and confirms one signature (counted).
export async function signAndConfirm(overrides: Record<string, unknown> = {}, options: { slug?: string } = {}): Promise<Signed> {
  const signed = await sign(overrides, options);
  await confirm(signed.confirm);
  return signed;
}

// The public counts of a pledge.
export async function counts(slug = 'cast-2020'): Promise<{ individuals: number; societies: number }> {
  const res = await request(`/api/pledges/${slug}/counts`);
  return (await res.json()) as { individuals: number; societies: number };
}

// Confirmed signature rows in D1 (what the counts must agree with).
export async function confirmedRows(slug = 'cast-2020'): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM signatures s JOIN pledges p ON p.id = s.pledge_id WHERE p.slug = ?1 AND s.state = 'confirmed'`)
    .bind(slug)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
