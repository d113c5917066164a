// A monitor follows a log from outside (scripts/monitor.ts): it keeps the last
// checkpoint it accepted, and for each new one checks the log's signature (by the key it
// first saw), a quorum of known witnesses, consistency with the last (no fork, no
// rollback), and re-derives the counts from the entries (tile/entries bundles) against
// the signed counts note. Pure: fetching and storage are injected.
import { entryLeafHash, isPublicEntry, newTally, tallyEntry } from './entry.ts';
import { appendLeaf, type Frontier, fromHex, frontierRoot, toBase64, toHex, verifyConsistency } from './merkle.ts';
import { parseNote, parseVkey, SIG_COSIGNATURE_V1, type Verifier, verifyNote } from './note.ts';
import { decodeBundle, encodeTileIndex, parseCheckpointText, parseCountsText } from './tlog.ts';
import type { GetJson, WitnessPolicy } from './verifier.ts';

export type GetBytes = (path: string) => Promise<Uint8Array>;
export type MonitorState = { vkey: string; size: number; root: string; note: string; individuals: number; societies: number; checkedAt: number };
export type MonitorResult = { ok: boolean; problem?: string; state?: MonitorState; notes: string[] };

const fail = (problem: string, notes: string[]): MonitorResult => ({ ok: false, problem, notes });

export async function monitorOnce(
  io: { get: GetJson; getText: (path: string) => Promise<string>; getBytes: GetBytes },
  slug: string,
  previous: MonitorState | null,
  opts: { witnesses?: WitnessPolicy; now?: number } = {},
): Promise<MonitorResult> {
  const notes: string[] = [];
  const key = (await io.get('/.well-known/pledge-log-key')) as { vkey?: unknown };
  if (typeof key?.vkey !== 'string') return fail('the site publishes no note verifier key (vkey)', notes);
  if (previous && previous.vkey !== key.vkey) return fail(`the log key changed: was ${previous.vkey}, now ${key.vkey}`, notes);
  const logKey = await parseVkey(key.vkey);
  const base = `/log/${encodeURIComponent(slug)}`;

  const noteText = await io.getText(`${base}/checkpoint`);
  let note;
  let cp;
  try {
    note = parseNote(noteText);
    cp = parseCheckpointText(note.text);
  } catch (err) {
    return fail(`malformed checkpoint: ${err instanceof Error ? err.message : 'error'}`, notes);
  }
  const signed = await verifyNote(note, [logKey]);
  if (!signed.ok) return fail(`bad signature on the checkpoint: ${signed.error}`, notes);
  if (previous && cp.origin !== parseCheckpointText(parseNote(previous.note).text).origin) return fail(`the origin changed to ${cp.origin}`, notes);

  if (opts.witnesses) {
    const known: Verifier[] = [];
    for (const v of opts.witnesses.vkeys) known.push(await parseVkey(v));
    const cos = await verifyNote(
      note,
      known.filter((k) => k.type === SIG_COSIGNATURE_V1),
    );
    const n = cos.ok ? new Set(cos.verified.map((v) => v.verifier.name)).size : 0;
    if (!cos.ok && cos.error?.startsWith('bad')) return fail(`a witness cosignature does not verify: ${cos.error}`, notes);
    if (n < opts.witnesses.quorum) return fail(`missing witness quorum: ${n} of the required ${opts.witnesses.quorum} known witnesses cosigned`, notes);
    notes.push(`${n} known witness(es) cosigned`);
  }

  const root = toHex(cp.root);
  if (previous) {
    if (cp.size < previous.size) return fail(`rollback: the log now shows ${cp.size} entries, after ${previous.size}`, notes);
    if (cp.size === previous.size && root !== previous.root) return fail(`fork: two roots for size ${cp.size}`, notes);
    if (cp.size > previous.size && previous.size > 0) {
      const res = (await io.get(`/api/pledges/${encodeURIComponent(slug)}/log/consistency?first=${previous.size}&second=${cp.size}`)) as { proof?: unknown };
      const proof = Array.isArray(res?.proof) && res.proof.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) ? (res.proof as string[]).map(fromHex) : null;
      if (!proof || !(await verifyConsistency(previous.size, cp.size, proof, fromHex(previous.root), cp.root)))
        return fail(`fork: no valid consistency proof from ${previous.size} to ${cp.size}`, notes);
    }
  }

  // Every entry, from the entry bundles; the tree they make must have the signed root.
  const frontier: Frontier = [];
  const tally = newTally();
  for (let n = 0; n * 256 < cp.size; n++) {
    const width = Math.min(256, cp.size - n * 256);
    const bundle = decodeBundle(await io.getBytes(`${base}/tile/entries/${encodeTileIndex(n)}${width < 256 ? `.p/${width}` : ''}`));
    if (bundle.length !== width) return fail(`entry bundle ${n}: ${bundle.length} entries instead of ${width}`, notes);
    for (const [i, data] of bundle.entries()) {
      let e: unknown;
      try {
        e = JSON.parse(new TextDecoder().decode(data));
      } catch {
        return fail(`entry ${n * 256 + i} is not JSON`, notes);
      }
      const { v, pledge, ...entry } = e as Record<string, unknown>;
      if (v !== 1 || pledge !== slug || !isPublicEntry(entry) || entry.seq !== n * 256 + i) return fail(`entry ${n * 256 + i} is malformed or out of place`, notes);
      if (toHex(await entryLeafHash(slug, entry)) !== toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([0, ...data])))))
        return fail(`entry ${n * 256 + i} is not in canonical form`, notes);
      await appendLeaf(frontier, await entryLeafHash(slug, entry));
      tallyEntry(tally, entry);
    }
  }
  if (toHex(await frontierRoot(frontier)) !== root) return fail('the entries do not rebuild the signed root', notes);
  if (tally.problems.length > 0) return fail(`the log does not read as a set: ${tally.problems[0]}`, notes);

  const countsText = await io.getText(`${base}/counts`);
  let counts;
  try {
    const cn = parseNote(countsText);
    const ok = await verifyNote(cn, [logKey]);
    if (!ok.ok) return fail(`bad signature on the counts note: ${ok.error}`, notes);
    counts = parseCountsText(cn.text);
  } catch (err) {
    return fail(`malformed counts note: ${err instanceof Error ? err.message : 'error'}`, notes);
  }
  if (counts.size !== cp.size || toBase64(counts.root) !== toBase64(cp.root) || counts.origin !== cp.origin) {
    notes.push(`the counts note is for size ${counts.size}, the checkpoint for ${cp.size} (the log moved on): counts not compared this time`);
  } else if (counts.individuals !== tally.individuals || counts.societies !== tally.societies) {
    return fail(`count mismatch: signed ${counts.individuals} individuals and ${counts.societies} societies, the entries give ${tally.individuals} and ${tally.societies}`, notes);
  }
  return {
    ok: true,
    notes,
    state: { vkey: key.vkey, size: cp.size, root, note: noteText, individuals: tally.individuals, societies: tally.societies, checkedAt: opts.now ?? Date.now() },
  };
}
