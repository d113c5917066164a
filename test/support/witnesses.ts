// Two witnesses in-process (witness/src/witness.ts, c2sp.org/tlog-witness) behind their
// add-checkpoint URLs: the rules and cosignatures are the Worker's; only its Durable
// Object is replaced by a map and the network by a fetch spy. `clock` shifts the
// witnesses' time (their cosignature timestamps), for tests of freshness.
import { env } from 'cloudflare:test';
import { vi } from 'vitest';
import { app } from '../../src/index.ts';
import { addCheckpoint, checkRequest, importWitnessKey, type Latest, type WitnessKey } from '../../witness/src/witness.ts';

export type Witness = { url: string; key: WitnessKey; state: Map<string, Latest>; queue: Promise<unknown> };
export type Witnesses = { list: Witness[]; config: string; logVkey: string; clock: { offsetMs: number } };

const SEEDS = ['AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', 'ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A='];

// Call in beforeAll; vi.restoreAllMocks() in afterAll ends the spy.
export async function installWitnesses(): Promise<Witnesses> {
  const logVkey = ((await (await app.request('http://localhost:8787/.well-known/pledge-log-key', {}, env)).json()) as { vkey: string }).vkey;
  const list: Witness[] = [];
  for (const [i, seed] of SEEDS.entries()) {
    list.push({ url: `https://w${i + 1}.witness.test`, key: await importWitnessKey(seed, `w${i + 1}.witness.test/pledge`), state: new Map(), queue: Promise.resolve() });
  }
  const clock = { offsetMs: 0 };
  const witnessFetch = async (w: Witness, body: string): Promise<Response> => {
    const checked = await checkRequest([{ origin: 'localhost:8787/log/*', vkey: logVkey }], body);
    if ('answer' in checked) return new Response(checked.answer!.body, { status: checked.answer!.status });
    // One at a time, as the Durable Object runs them.
    const run = w.queue.then(async () => {
      const origin = checked.cp.origin;
      const result = await addCheckpoint(w.key, checked, w.state.get(origin) ?? null, Date.now() + clock.offsetMs);
      if (result.save) w.state.set(origin, result.save);
      return result.answer;
    });
    w.queue = run.catch(() => {});
    const answer = await run;
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const w = list.find((x) => url.origin === x.url && url.pathname === '/add-checkpoint');
    if (!w) return realFetch(input as RequestInfo, init);
    return witnessFetch(w, input instanceof Request ? await input.text() : String(init?.body ?? ''));
  });
  return { list, config: JSON.stringify(list.map((w) => ({ url: w.url, vkey: w.key.vkey }))), logVkey, clock };
}
