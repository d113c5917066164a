// Floor 4: what a confirmation cannot avoid, and nothing else, on the same runtime: the
// app's own confirm use case (`confirmSignature`: the token's shape check, its SHA-256
// digests and the derived withdraw token, and the one D1 statement with the app's
// counter, log and link triggers) on the app's schema (its migrations), without HTTP
// routing, middleware, zod or JSON. The app's confirm against it is the cost of the
// request layer; it against the one-INSERT floor is the cost of the use case itself.
//
// `/setup?n=N` stores N pending signatures, each with the confirm link (and details)
// and the withdraw link the app would mail; each request then confirms the next one,
// its statement committed with those of concurrent requests as the app commits them
// (src/platform/db/group-commit.ts). `/alone` confirms the next one with its statement
// sent alone (one transaction per confirmation, as before group commit).
// `/read` is a write-behind design's response path (below).
// The bench only: nothing in the app imports this file.
import { toBase64Url } from '../../src/platform/crypto/tokens.ts';
import { confirmLinkHashes, confirmSignature } from '../../src/signatures/signatures.actions.ts';
import { findToken } from '../../src/signatures/signatures.queries.ts';

type Env = { DB: D1Database };
const enc = new TextEncoder();
// Deterministic tokens (43 base64url characters, like the app's), so the setup and the
// requests agree. The setup keeps them, so a request only does what the app's confirm
// does with the token it receives (a new isolate derives each one when it needs it).
const tokenFor = async (i: number) => toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`floor-confirm-${i}`))));
const tokens: string[] = [];
let next = 0;

async function setup(env: Env, n: number): Promise<Response> {
  const pledge = await env.DB.prepare(
    `SELECT p.id, t.version FROM pledges p JOIN pledge_texts t ON t.pledge_id = p.id AND t.lang = 'zh-Hans' AND t.current = 1 WHERE p.slug = 'cast-2020'`,
  ).first<{ id: number; version: string }>();
  if (!pledge) return new Response('no pledge: seed first', { status: 500 });
  const now = Date.now();
  const have = (await env.DB.prepare('SELECT count(*) AS n FROM signatures').first<{ n: number }>())?.n ?? 0;
  for (let start = have; start < n; start += 50) {
    const rows = await Promise.all(
      Array.from({ length: Math.min(50, n - start) }, async (_, k) => {
        const i = start + k;
        const token = await tokenFor(i);
        tokens[i] = token;
        const { hash, withdrawHash } = await confirmLinkHashes(token);
        return { i, confirm: hash, withdraw: withdrawHash };
      }),
    );
    const statements = rows.flatMap((r) => {
      // The row and its link carry the same details, as when the app inserts and mails.
      const details = {
        name: `Floor ${r.i}`,
        affiliation: 'Bench University',
        title: null,
        orcid: null,
        field: 'science',
        region: 'CN-BJ',
        public: true,
        updates: false,
        lang: 'zh-Hans',
        textVersion: pledge.version,
        orcidProven: false,
      };
      const domain = `d${r.i % 500}.floor.example`;
      return [
        env.DB.prepare(
          `INSERT INTO signatures (pledge_id, state, lang, text_version, name, email, email_key, email_domain, affiliation, field, region, public, verification, created_at, updated_at)
           VALUES (?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, 'email', ?11, ?11)`,
        ).bind(pledge.id, details.lang, details.textVersion, details.name, `f${r.i}@${domain}`, `key-${r.i}`, domain, details.affiliation, details.field, details.region, now),
        env.DB.prepare(
          `INSERT INTO signature_tokens (token_hash, signature_id, kind, details, expires_at, created_at) VALUES (?1, last_insert_rowid(), 'confirm', ?2, ?3, ?4)`,
        ).bind(r.confirm, JSON.stringify(details), now + 7 * 86_400_000, now),
        env.DB.prepare(
          `INSERT INTO signature_tokens (token_hash, signature_id, kind, details, expires_at, created_at) SELECT ?1, signature_id, 'withdraw', NULL, NULL, ?2 FROM signature_tokens WHERE token_hash = ?3`,
        ).bind(r.withdraw, now, r.confirm),
      ];
    });
    await env.DB.batch(statements);
  }
  next = 0;
  return new Response(`ready: ${n} pending signatures`);
}

// `/read`: what a confirmation would cost on the response path with its row write
// taken off it (write-behind): the same digests, then one read of the link and its
// signature (the app's findToken, the read confirm makes when nothing changed). Reads
// do not use links up, so these cycle over the stored ones.
let reads = 0;
async function readLink(env: Env, k: number): Promise<Response> {
  const i = k % Math.max(1, tokens.length);
  const { hash, withdrawHash } = await confirmLinkHashes(tokens[i] ?? (await tokenFor(i)));
  const row = await findToken(env.DB, hash, 'confirm', withdrawHash);
  return row ? new Response('ok') : new Response('unknown link', { status: 409 });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname === '/setup') return setup(env, Number(url.searchParams.get('n') ?? 7000));
    if (url.pathname === '/read') return readLink(env, reads++);
    const i = next++;
    const options = url.pathname === '/alone' ? { grouped: false } : { keepAlive: (work: Promise<unknown>) => ctx.waitUntil(work) };
    const result = await confirmSignature(env.DB, tokens[i] ?? (await tokenFor(i)), Date.now(), options);
    return result.ok ? new Response('ok') : new Response(result.status, { status: 409 });
  },
};
