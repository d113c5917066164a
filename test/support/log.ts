// The transparency log in tests: the verifiers' view of the app (honest or lying), a
// signer's receipt, and the log rows behind a signature.
import { env } from 'cloudflare:test';
import type { GetJson } from '../../src/log/verifier.ts';
import { postJson, request } from './app.ts';

// GET a JSON document, throw on an error status.
export const get: GetJson = async (path) => {
  const res = await request(path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
};

// The same, with every response passed through `change` first (a lying server).
export function tampered(change: (path: string, body: any) => any): GetJson {
  return async (path) => change(path, structuredClone(await get(path)));
}

export async function receipt(token: string): Promise<any> {
  const res = await postJson('/api/signatures/receipt', { token });
  if (res.status !== 200) throw new Error(`receipt failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function signatureId(email: string): Promise<number> {
  const id = await env.DB.prepare('SELECT id FROM signatures WHERE email = ?1').bind(email).first<number>('id');
  if (id === null) throw new Error('no such signature');
  return id;
}

export type Row = { seq: number; kind: string; subject_type: string; subject_id: number; salt: string; commitment: string | null; leaf_hash: string | null };

export async function entriesFor(type: 'individual' | 'society', id: number, pledgeId = 1): Promise<Row[]> {
  const { results } = await env.DB.prepare('SELECT * FROM log_entries WHERE pledge_id = ?1 AND subject_type = ?2 AND subject_id = ?3 ORDER BY seq')
    .bind(pledgeId, type, id)
    .all<Row>();
  return results;
}
