// Verification of receipts and of a whole log, as a client does it: trusting nothing the
// server says that it cannot check. Pure (fetching is injected), so the same code runs
// in scripts/verify.ts (Node), in the Worker tests, and against tampered responses.
import { type Checkpoint, isCheckpoint, type PublicKeyInfo, verifyCheckpoint } from './checkpoint.ts';
import { commitment, entryLeafHash, isPublicEntry, newTally, tallyEntry } from './entry.ts';
import { appendLeaf, type Frontier, fromHex, frontierRoot, type Hash, isHash, toHex, verifyConsistency, verifyInclusion } from './merkle.ts';
import { parseNote, parseVkey, SIG_COSIGNATURE_V1, type Verifier, verifyNote } from './note.ts';
import { isPublicKeyInfo, isReceipt, type Receipt } from './receipt.format.ts';
import { parseCheckpointText } from './tlog.ts';

// GET a JSON document at a path of the server (e.g. /api/pledges/x/log/checkpoint);
// throws when the server answers with an error.
export type GetJson = (path: string) => Promise<unknown>;

export type Check = { name: string; ok: boolean; detail?: string };
export type Report = { ok: boolean; checks: Check[]; notes: string[] };

function report(): Report & { check: (name: string, ok: boolean, detail?: string) => boolean } {
  const r = {
    ok: true,
    checks: [] as Check[],
    notes: [] as string[],
    check(name: string, ok: boolean, detail?: string) {
      r.checks.push(detail === undefined ? { name, ok } : { name, ok, detail });
      if (!ok) r.ok = false;
      return ok;
    },
  };
  return r;
}

const logPath = (slug: string, rest: string) => `/api/pledges/${encodeURIComponent(slug)}/log/${rest}`;
export const KEY_PATH = '/.well-known/pledge-log-key';

export async function fetchKey(get: GetJson): Promise<PublicKeyInfo> {
  const k = await get(KEY_PATH);
  if (!isPublicKeyInfo(k)) throw new Error('the published key is malformed');
  return { algorithm: k.algorithm, keyId: k.keyId, publicKey: k.publicKey };
}

const hashes = (proof: unknown): Hash[] | null => (Array.isArray(proof) && proof.every(isHash) ? proof.map((h) => fromHex(h)) : null);

// Checks one checkpoint against an older one the client already holds: the server's
// "latest" must not be behind it (stale or rolled back), and the log must have only
// grown (a consistency proof from the server).
export async function checkConsistent(get: GetJson, older: Checkpoint, newer: Checkpoint, r = report()): Promise<boolean> {
  const label = `checkpoint ${older.treeSize} -> ${newer.treeSize}`;
  if (
    !r.check(
      `${label}: not stale`,
      newer.treeSize >= older.treeSize && newer.timestamp >= older.timestamp,
      newer.treeSize < older.treeSize ? 'the server presents a smaller tree than one it signed before' : undefined,
    )
  ) {
    return false;
  }
  if (newer.treeSize === older.treeSize) return r.check(`${label}: same root`, newer.rootHash === older.rootHash);
  const res = (await get(`${logPath(newer.pledge, 'consistency')}?first=${older.treeSize}&second=${newer.treeSize}`)) as { proof?: unknown };
  const proof = hashes(res?.proof);
  return r.check(
    `${label}: consistency proof`,
    proof !== null && (await verifyConsistency(older.treeSize, newer.treeSize, proof, fromHex(older.rootHash), fromHex(newer.rootHash))),
  );
}

// GET a text document (the checkpoint note at /log/:slug/checkpoint); throws on an error status.
export type GetText = (path: string) => Promise<string>;

// Known witnesses (cosignature/v1 vkeys) and how many of them must have cosigned.
export type WitnessPolicy = { vkeys: string[]; quorum: number };

// Checks the signed-note checkpoint (c2sp.org/tlog-checkpoint): the log's signature by
// the published vkey, at least `quorum` cosignatures by distinct known witnesses, and
// that it describes the same tree as the JSON checkpoint (same root at the same size, or
// a consistency proof between them). Witnesses see the same tree as everyone they
// cosign for, so a quorum rules out a split view.
export async function checkWitnessed(get: GetJson, getText: GetText, slug: string, latest: Checkpoint, policy: WitnessPolicy, r = report()): Promise<boolean> {
  const key = (await get(KEY_PATH)) as { vkey?: unknown };
  if (!r.check('the site publishes a note verifier key (vkey)', typeof key?.vkey === 'string')) return false;
  let logKey: Verifier;
  const witnesses: Verifier[] = [];
  try {
    logKey = await parseVkey(key.vkey as string);
    for (const v of policy.vkeys) witnesses.push(await parseVkey(v));
  } catch (err) {
    return r.check('verifier keys are well formed', false, err instanceof Error ? err.message : undefined);
  }
  let note;
  let body;
  try {
    note = parseNote(await getText(`/log/${encodeURIComponent(slug)}/checkpoint`));
    body = parseCheckpointText(note.text);
  } catch (err) {
    return r.check('the checkpoint note is well formed', false, err instanceof Error ? err.message : undefined);
  }
  const logSigned = await verifyNote(note, [logKey]);
  r.check('checkpoint note signed by the log', logSigned.ok, logSigned.error);
  const cosigned = await verifyNote(
    note,
    witnesses.filter((w) => w.type === SIG_COSIGNATURE_V1),
  );
  const names = new Set(cosigned.ok ? cosigned.verified.map((v) => `${v.verifier.name}+${toHex(v.verifier.keyId)}`) : []);
  r.check(
    `cosigned by at least ${policy.quorum} of ${policy.vkeys.length} known witnesses`,
    (cosigned.ok || policy.quorum === 0) && names.size >= policy.quorum,
    `${names.size} valid witness cosignature(s)${cosigned.error && policy.quorum > 0 ? ` (${cosigned.error})` : ''}`,
  );
  if (body.size === latest.treeSize) return r.check('the witnessed tree is the one the log API serves', toHex(body.root) === latest.rootHash);
  const [first, second, firstRoot, secondRoot] =
    body.size < latest.treeSize ? [body.size, latest.treeSize, toHex(body.root), latest.rootHash] : [latest.treeSize, body.size, latest.rootHash, toHex(body.root)];
  const res = (await get(`${logPath(slug, 'consistency')}?first=${first}&second=${second}`)) as { proof?: unknown };
  const proof = hashes(res?.proof);
  return r.check(
    'the witnessed tree is consistent with the one the log API serves',
    proof !== null && (await verifyConsistency(first, second, proof, fromHex(firstRoot), fromHex(secondRoot))),
  );
}

export type AuditResult = Report & { latest: Checkpoint | null; members: Set<string>; entries: number };

// Audits a pledge's whole log: the latest checkpoint's signature; every entry downloaded
// and rehashed into the tree, whose root must equal the signed root; additions minus
// removals must equal the signed counts; every checkpoint in the history must match the
// tree and counts at its size; consecutive checkpoints (up to maxConsistency pairs) and
// any checkpoints the caller already holds must be consistent with the latest. With
// `witnesses` and `getText`, the latest must also carry the witness quorum (checkWitnessed).
export async function auditLog(
  get: GetJson,
  slug: string,
  key: PublicKeyInfo,
  opts: { known?: Checkpoint[]; pageSize?: number; maxConsistency?: number; witnesses?: WitnessPolicy; getText?: GetText } = {},
): Promise<AuditResult> {
  const r = report();
  const result = (latest: Checkpoint | null, members = new Set<string>(), entries = 0): AuditResult => ({ ok: r.ok, checks: r.checks, notes: r.notes, latest, members, entries });
  const latest = await get(logPath(slug, 'checkpoint'));
  if (!r.check('latest checkpoint is well formed', isCheckpoint(latest) && latest.pledge === slug)) return result(null);
  const head = latest as Checkpoint;
  r.check('latest checkpoint signature', await verifyCheckpoint(head, key));
  for (const known of opts.known ?? []) await checkConsistent(get, known, head, r);

  // The signed history, newest first.
  const history: Checkpoint[] = [];
  let before = head.treeSize + 1;
  for (;;) {
    const page = (await get(`${logPath(slug, 'checkpoints')}?before=${before}&limit=100`)) as { checkpoints?: unknown[] };
    const items = Array.isArray(page?.checkpoints) ? page.checkpoints : [];
    for (const c of items) {
      if (!isCheckpoint(c) || c.pledge !== slug || !(await verifyCheckpoint(c, key))) {
        r.check('history: every checkpoint is signed', false, `bad checkpoint in history: ${JSON.stringify(c).slice(0, 200)}`);
        continue;
      }
      history.push(c);
    }
    if (items.length < 100) break;
    before = (items[items.length - 1] as Checkpoint).treeSize;
  }
  r.check(
    'history includes the latest checkpoint',
    history.some((c) => c.treeSize === head.treeSize && c.rootHash === head.rootHash),
  );
  const bySize = new Map<number, Checkpoint[]>();
  for (const c of history) bySize.set(c.treeSize, [...(bySize.get(c.treeSize) ?? []), c]);

  // Every entry, rehashed; the tree and the counts at each checkpoint's size.
  const pageSize = opts.pageSize ?? 1000;
  const frontier: Frontier = [];
  const tally = newTally();
  let historyOk = true;
  let entriesOk = true;
  const atSize = async (size: number) => {
    for (const c of bySize.get(size) ?? []) {
      const root = toHex(await frontierRoot(frontier));
      if (root !== c.rootHash || c.individuals !== tally.individuals || c.societies !== tally.societies) {
        historyOk = false;
        r.notes.push(`checkpoint at size ${size} does not match the log (root or counts)`);
      }
    }
  };
  await atSize(0);
  for (let start = 0; start < head.treeSize && entriesOk; start += pageSize) {
    const end = Math.min(start + pageSize, head.treeSize);
    const page = (await get(`${logPath(slug, 'entries')}?start=${start}&end=${end}`)) as { entries?: unknown[] };
    const items = Array.isArray(page?.entries) ? page.entries : [];
    if (items.length !== end - start) {
      entriesOk = r.check('entries: every entry is served', false, `asked for ${start}..${end}, got ${items.length}`);
      break;
    }
    for (let i = 0; i < items.length; i++) {
      const e = items[i];
      if (!isPublicEntry(e) || e.seq !== start + i) {
        entriesOk = r.check('entries: in order and well formed', false, `entry at position ${start + i}`);
        break;
      }
      await appendLeaf(frontier, await entryLeafHash(slug, e));
      tallyEntry(tally, e);
      await atSize(e.seq + 1);
    }
  }
  if (entriesOk) {
    r.check(`all ${head.treeSize} entries rebuild the signed root`, toHex(await frontierRoot(frontier)) === head.rootHash);
    r.check(
      'signed counts equal additions minus removals',
      head.individuals === tally.individuals && head.societies === tally.societies,
      `checkpoint: ${head.individuals} individuals, ${head.societies} societies; log: ${tally.individuals}, ${tally.societies}`,
    );
    r.check('the log reads as a set (no double additions, no removal of the absent)', tally.problems.length === 0, tally.problems.slice(0, 5).join('; ') || undefined);
    r.check(`all ${history.length} checkpoints in the history match the log at their size`, historyOk);
  }
  // Consistency proofs between consecutive checkpoints (the server's own proofs; the
  // rebuild above already checks every root independently).
  const ordered = [...history].sort((a, b) => a.treeSize - b.treeSize);
  const pairs = ordered
    .slice(1)
    .map((c, i) => [ordered[i]!, c] as const)
    .slice(-(opts.maxConsistency ?? 20));
  let pairsOk = true;
  const sub = report();
  for (const [a, b] of pairs) pairsOk = (await checkConsistent(get, a, b, sub)) && pairsOk;
  r.check(
    `consistency proofs between the last ${pairs.length} pairs of checkpoints`,
    pairsOk,
    pairsOk
      ? undefined
      : sub.checks
          .filter((c) => !c.ok)
          .map((c) => c.name)
          .join('; '),
  );
  if (opts.witnesses && opts.getText) await checkWitnessed(get, opts.getText, slug, head, opts.witnesses, r);
  return result(head, tally.members, head.treeSize);
}

// Verifies a receipt: offline (its secret, leaf, inclusion proof and checkpoint
// signature), and with `get` also against the live server (the published key, a
// consistency proof to the latest checkpoint, and a full audit of the log).
export async function verifyReceipt(
  receipt: unknown,
  opts: { get?: GetJson; getText?: GetText; witnesses?: WitnessPolicy } = {},
): Promise<Report & { status?: 'counted' | 'removed' }> {
  const r = report();
  if (!r.check('receipt is well formed', isReceipt(receipt))) return r;
  const rc = receipt as Receipt;
  let key = rc.publicKey;
  if (opts.get) {
    key = await fetchKey(opts.get);
    r.check('receipt names the key the server publishes', key.keyId === rc.publicKey.keyId && key.publicKey === rc.publicKey.publicKey);
  } else {
    r.notes.push('offline: the public key was taken from the receipt itself; give a server to check it against the published key');
  }
  r.check('your secret opens the entry (commitment = SHA-256(salt || id))', (await commitment(rc.secret.salt, rc.secret.subjectId)) === rc.entry.commitment);
  const leaf = await entryLeafHash(rc.pledge, rc.entry);
  r.check('leaf hash of the entry', toHex(leaf) === rc.leafHash);
  r.check('checkpoint is for this pledge', rc.checkpoint.pledge === rc.pledge && rc.inclusion.treeSize === rc.checkpoint.treeSize);
  r.check('checkpoint signature', await verifyCheckpoint(rc.checkpoint, key));
  const proof = hashes(rc.inclusion.proof);
  r.check(
    `inclusion of entry ${rc.entry.seq} in the tree of ${rc.checkpoint.treeSize}`,
    proof !== null && (await verifyInclusion(rc.entry.seq, rc.checkpoint.treeSize, leaf, proof, fromHex(rc.checkpoint.rootHash))),
  );
  if (!opts.get) return r;

  const audit = await auditLog(opts.get, rc.pledge, key, { known: [rc.checkpoint] });
  r.checks.push(...audit.checks);
  r.notes.push(...audit.notes);
  if (!audit.ok) r.ok = false;
  if (opts.witnesses && opts.getText && audit.latest) {
    await checkWitnessed(opts.get, opts.getText, rc.pledge, audit.latest, opts.witnesses, r);
  } else {
    r.notes.push('no witnesses given: a split view (another tree shown to others) is not ruled out; pass --witness <vkey> and --quorum');
  }
  const status = audit.members.has(`${rc.entry.type}:${rc.entry.commitment}`) ? 'counted' : 'removed';
  if (audit.entries > 0)
    r.notes.push(status === 'counted' ? 'your signature is counted in the latest checkpoint' : 'your signature has since been removed from the count (withdrawn or invalidated)');
  return { ...r, status };
}
