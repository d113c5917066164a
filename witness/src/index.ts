// The witness Worker (wrangler.toml beside this folder): POST /add-checkpoint and the
// monitor retrieval GET /<sha256(origin) hex>/checkpoint of c2sp.org/tlog-witness; GET /
// describes the witness (its vkey and the logs it follows). State: one Durable Object
// per log origin, so checking the old size and storing the new checkpoint are atomic.
import { DurableObject } from 'cloudflare:workers';
import { addCheckpoint, checkRequest, importWitnessKey, type Latest, originHash, parseLogs, type WitnessKey } from './witness.ts';

export type WitnessEnv = { LOGS: DurableObjectNamespace<WitnessLog>; WITNESS_NAME: string; WITNESS_KEY: string; WITNESS_LOGS: string };

let cached: { seed: string; key: Promise<WitnessKey> } | null = null;
function witnessKey(env: WitnessEnv) {
  if (cached?.seed !== `${env.WITNESS_NAME}\n${env.WITNESS_KEY}`)
    cached = { seed: `${env.WITNESS_NAME}\n${env.WITNESS_KEY}`, key: importWitnessKey(env.WITNESS_KEY, env.WITNESS_NAME) };
  return cached.key;
}

const MAX_BODY = 64 * 1024;

export class WitnessLog extends DurableObject<WitnessEnv> {
  async add(body: string, now: number): Promise<{ status: number; body: string; contentType: string }> {
    const checked = await checkRequest(parseLogs(this.env.WITNESS_LOGS), body);
    if ('answer' in checked) return checked.answer!;
    const key = await witnessKey(this.env);
    // Read, check, write and answer as one step: no other request runs in between.
    return this.ctx.blockConcurrencyWhile(async () => {
      const latest = (await this.ctx.storage.get<Latest>('latest')) ?? null;
      const result = await addCheckpoint(key, checked, latest, Date.now());
      if (result.save) await this.ctx.storage.put('latest', result.save);
      return result.answer;
    });
  }

  async latest(): Promise<Latest | null> {
    return (await this.ctx.storage.get<Latest>('latest')) ?? null;
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/add-checkpoint') {
      const body = await request.text();
      if (body.length > MAX_BODY) return new Response('request too large\n', { status: 400 });
      const origin = body.split('\n\n', 2)[1]?.split('\n', 1)[0] ?? '';
      const stub = env.LOGS.get(env.LOGS.idFromName(origin));
      const answer = await stub.add(body, Date.now());
      return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
    }
    if (request.method === 'GET' && url.pathname === '/') {
      const key = await witnessKey(env);
      return Response.json({ name: key.name, vkey: key.vkey, logs: parseLogs(env.WITNESS_LOGS) });
    }
    const m = /^\/([0-9a-f]{64})\/checkpoint$/.exec(url.pathname);
    if (request.method === 'GET' && m) {
      for (const log of parseLogs(env.WITNESS_LOGS)) {
        if (log.origin.endsWith('/*')) continue;
        if ((await originHash(log.origin)) !== m[1]) continue;
        const latest = await env.LOGS.get(env.LOGS.idFromName(log.origin)).latest();
        if (latest)
          return new Response(latest.note, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } });
      }
      return new Response('not found\n', { status: 404 });
    }
    return new Response('not found\n', { status: 404 });
  },
} satisfies ExportedHandler<WitnessEnv>;
