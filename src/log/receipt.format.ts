// The receipt a signer downloads (pure: shared with the verifiers).
import { type Checkpoint, isCheckpoint, type PublicKeyInfo } from './checkpoint.ts';
import { isPublicEntry, isSlug, type PublicEntry } from './entry.ts';
import { isHash } from './merkle.ts';

export const RECEIPT_FORMAT = 'pledge-log-receipt/v1';

export type Receipt = {
  format: typeof RECEIPT_FORMAT;
  // Where to check it: the site that issued it.
  server: string;
  // counted: the entry is the signature's addition; removed: its removal (entry.reason says why).
  status?: 'counted' | 'removed';
  pledge: string;
  // The public entry, exactly as GET /api/pledges/:slug/log/entries serves it.
  entry: PublicEntry;
  // Private: what links the entry to this signature. commitment = SHA-256(salt || id).
  secret: { subjectId: number; salt: string };
  leafHash: string;
  inclusion: { treeSize: number; proof: string[] };
  checkpoint: Checkpoint;
  publicKey: PublicKeyInfo;
};

export function isPublicKeyInfo(k: unknown): k is PublicKeyInfo {
  if (typeof k !== 'object' || k === null) return false;
  const x = k as Record<string, unknown>;
  return x.algorithm === 'Ed25519' && typeof x.keyId === 'string' && typeof x.publicKey === 'string';
}

export function isReceipt(x: unknown): x is Receipt {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  const secret = o.secret as Record<string, unknown> | undefined;
  const inclusion = o.inclusion as Record<string, unknown> | undefined;
  return (
    o.format === RECEIPT_FORMAT &&
    typeof o.server === 'string' &&
    isSlug(o.pledge) &&
    isPublicEntry(o.entry) &&
    typeof secret === 'object' &&
    secret !== null &&
    Number.isSafeInteger(secret.subjectId) &&
    typeof secret.salt === 'string' &&
    /^[0-9a-f]{32}$/.test(secret.salt) &&
    isHash(o.leafHash) &&
    typeof inclusion === 'object' &&
    inclusion !== null &&
    Number.isSafeInteger(inclusion.treeSize) &&
    Array.isArray(inclusion.proof) &&
    isCheckpoint(o.checkpoint) &&
    isPublicKeyInfo(o.publicKey)
  );
}
