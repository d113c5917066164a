// The log's side of c2sp.org/tlog-witness: after a new checkpoint (and every Cron run,
// so an idle log keeps fresh cosignatures) it submits the checkpoint note with a
// consistency proof to each configured witness, checks the cosignature it gets back
// and stores it. LOG_WITNESSES: a JSON array of {"url","vkey"} (the witness's
// submission prefix and its cosignature/v1 verifier key).
import type { Checkpoint } from './checkpoint.ts';
import * as q from './log.queries.ts';
import { consistencyProof, type LogEnv, type LogPledge } from './log.ts';
import { fromHex, toBase64 } from './merkle.ts';
import { parseNote, parseVkey, SIG_COSIGNATURE_V1, type Verifier, verifyNote } from './note.ts';
import { checkpointNote } from './tlog.actions.ts';

export type WitnessConfig = { url: string; vkey: string };

export function parseWitnessConfig(config: string | undefined): WitnessConfig[] {
  if (!config?.trim()) return [];
  const list = JSON.parse(config) as unknown;
  if (!Array.isArray(list) || !list.every((w) => typeof w?.url === 'string' && typeof w?.vkey === 'string')) {
    throw new Error('LOG_WITNESSES must be a JSON array of {"url","vkey"}');
  }
  return list as WitnessConfig[];
}

// The witnesses' public keys, for the verifiers (the verify page shows them).
async function witnessVerifiers(env: LogEnv): Promise<Verifier[]> {
  const out: Verifier[] = [];
  for (const w of parseWitnessConfig(env.LOG_WITNESSES)) {
    const v = await parseVkey(w.vkey);
    if (v.type === SIG_COSIGNATURE_V1) out.push(v);
  }
  return out;
}

const TIMEOUT_MS = 5_000;

async function submit(url: string, body: string): Promise<Response> {
  return fetch(`${url.replace(/\/$/, '')}/add-checkpoint`, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
}

export type WitnessOutcome = { witness: string; ok: boolean; detail?: string };

// Asks every configured witness to cosign the checkpoint (in parallel); a witness that
// fails is reported and skipped (the next checkpoint or Cron run tries again).
export async function requestCosignatures(env: LogEnv, pledge: LogPledge, checkpoint: Checkpoint, now = Date.now()): Promise<WitnessOutcome[]> {
  const witnesses = parseWitnessConfig(env.LOG_WITNESSES);
  if (witnesses.length === 0) return [];
  const note = await checkpointNote(env, pledge, { ...checkpoint, pledge: pledge.slug });
  // Only the log's own signature goes to the witness.
  const logNote = note.slice(0, note.indexOf('\n\n') + 2) + note.slice(note.indexOf('\n\n') + 2).split('\n')[0] + '\n';
  const states = await q.witnessStates(env.DB, pledge.id);
  return Promise.all(
    witnesses.map(async (w): Promise<WitnessOutcome> => {
      let verifier: Verifier;
      try {
        verifier = await parseVkey(w.vkey);
      } catch {
        return { witness: w.url, ok: false, detail: 'bad vkey in LOG_WITNESSES' };
      }
      const known = states.get(verifier.name);
      // Fresh enough already (the Cron Trigger asks again when older than 10 minutes).
      if (known && known.size === checkpoint.treeSize && now / 1000 - known.time < 600) return { witness: verifier.name, ok: true };
      try {
        let old = known && known.size <= checkpoint.treeSize ? known.size : 0;
        for (let attempt = 0; attempt < 2; attempt++) {
          const proof = old > 0 && old < checkpoint.treeSize ? await consistencyProof(env.DB, pledge.id, old, checkpoint.treeSize) : [];
          const body = `old ${old}\n${proof.map((h) => `${toBase64(fromHex(h))}\n`).join('')}\n${logNote}`;
          const res = await submit(w.url, body);
          const text = await res.text();
          if (res.status === 409 && attempt === 0) {
            const size = /^(\d{1,16})\n?$/.exec(text)?.[1];
            if (size === undefined || Number(size) > checkpoint.treeSize)
              return { witness: verifier.name, ok: false, detail: `the witness holds size ${size ?? '?'}: larger than ours (a fork or rollback?)` };
            old = Number(size);
            continue;
          }
          if (res.status !== 200) return { witness: verifier.name, ok: false, detail: `HTTP ${res.status}: ${text.slice(0, 200).trim()}` };
          const lines = text
            .split('\n')
            .filter((l) => l.startsWith('\u2014 '))
            .map((l) => `${l}\n`);
          const cosigned = await verifyNote(parseNote(`${logNote.slice(0, logNote.indexOf('\n\n') + 2)}${lines.join('')}`), [verifier]);
          const mine = cosigned.verified.find((v) => v.verifier === verifier);
          if (!cosigned.ok || !mine || mine.time === undefined) return { witness: verifier.name, ok: false, detail: 'the cosignature does not verify' };
          const line = lines.find((l) => l.startsWith(`\u2014 ${verifier.name} `))!;
          await q.insertCosignature(env.DB, pledge.id, checkpoint.treeSize, verifier.name, mine.time, line);
          return { witness: verifier.name, ok: true };
        }
        return { witness: verifier.name, ok: false, detail: 'no agreement on the old size' };
      } catch (err) {
        return { witness: verifier.name, ok: false, detail: err instanceof Error ? err.message.slice(0, 200) : 'error' };
      }
    }),
  );
}
