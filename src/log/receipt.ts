// Receipts: what a signer keeps to find and check their own leaf in the public log.
import { commitment, entryLeafHash, type PublicEntry, reasonFields } from './entry.ts';
import * as q from './log.queries.ts';
import { ensureCheckpoint, inclusionProof, type LogEnv, signingKey } from './log.ts';
import { toHex } from './merkle.ts';
import { RECEIPT_FORMAT, type Receipt } from './receipt.format.ts';

export type ReceiptOutcome = { ok: true; receipt: Receipt } | { ok: false; reason: 'notCounted' | 'notReady' };

// A receipt for a signature's latest entry, proven against a signed checkpoint that
// covers it (signing one if needed): its 'add' while it counts; once it was withdrawn or
// invalidated, its 'remove' entry with the public reason (status "removed"), so the
// signer can prove what happened. notCounted: it never counted (not confirmed).
export async function receiptFor(
  env: LogEnv,
  signature: { id: number; pledgeId: number; state: string },
  pledge: { id: number; slug: string },
  server: string,
  now: number,
): Promise<ReceiptOutcome> {
  const raw = await q.latestEntryFor(env.DB, signature.pledgeId, 'individual', signature.id);
  if (!raw || (raw.kind === 'add') !== (signature.state === 'confirmed')) return { ok: false, reason: 'notCounted' };
  const checkpoint = await ensureCheckpoint(env, pledge, { now, cover: raw.seq });
  if (!checkpoint || checkpoint.treeSize <= raw.seq) return { ok: false, reason: 'notReady' };
  const entry: PublicEntry = { seq: raw.seq, kind: raw.kind, type: raw.type, time: raw.time, commitment: await commitment(raw.salt, raw.subjectId), ...reasonFields(raw.reason) };
  return {
    ok: true,
    receipt: {
      format: RECEIPT_FORMAT,
      status: entry.kind === 'add' ? 'counted' : 'removed',
      server,
      pledge: pledge.slug,
      entry,
      secret: { subjectId: raw.subjectId, salt: raw.salt },
      leafHash: toHex(await entryLeafHash(pledge.slug, entry)),
      inclusion: { treeSize: checkpoint.treeSize, proof: await inclusionProof(env.DB, pledge.id, raw.seq, checkpoint.treeSize) },
      checkpoint,
      publicKey: (await signingKey(env)).info,
    },
  };
}
