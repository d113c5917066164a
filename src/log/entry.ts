// Log entries: what a leaf says, how its bytes are made, and what the counts must be.
// Pure; shared by the Worker, scripts/verify.ts and the tests.
import { type Bytes, fromHex, type Hash, isHash, leafHash, sha256, toHex, utf8 } from './merkle.ts';

export const ENTRY_KINDS = ['add', 'remove'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const SUBJECT_TYPES = ['individual', 'society'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

// The public part of an entry. `commitment` hides who: SHA-256(salt || subject id),
// with a 128-bit random salt that only the subject's own receipt reveals. The same
// subject keeps one salt, so its removal carries the same commitment as its addition.
// A removal logged since migration 0014 also says why (public): `withdrawn` by the
// signer, or `invalidated` by an organiser with a category. Times are whole hours (ms),
// so that entries cannot be matched to the public signer list by time.
export type PublicEntry = { seq: number; kind: EntryKind; type: SubjectType; time: number; commitment: string; reason?: RemovalReason; category?: string };

export const REMOVAL_REASONS = ['withdrawn', 'invalidated'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
// What an organiser gives when invalidating a signature; `deleted` (a deleted row) and
// `revoked` (a society no longer verified) are set by the log itself.
export const INVALIDATION_CATEGORIES = ['duplicate', 'fraud', 'suspicious', 'other'] as const;
export type InvalidationCategory = (typeof INVALIDATION_CATEGORIES)[number];
const CATEGORY = /^[a-z][a-z-]{0,31}$/;

// The stored reason column ('withdrawn' | 'invalidated:<category>' | NULL) as entry fields.
export function reasonFields(stored: string | null | undefined): Pick<PublicEntry, 'reason' | 'category'> {
  if (!stored) return {};
  if (stored === 'withdrawn') return { reason: 'withdrawn' };
  const [reason, category] = stored.split(':');
  return reason === 'invalidated' && category ? { reason: 'invalidated', category } : {};
}

export function isPublicEntry(e: unknown): e is PublicEntry {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return (
    Number.isSafeInteger(x.seq) &&
    (x.seq as number) >= 0 &&
    (ENTRY_KINDS as readonly unknown[]).includes(x.kind) &&
    (SUBJECT_TYPES as readonly unknown[]).includes(x.type) &&
    Number.isSafeInteger(x.time) &&
    isHash(x.commitment) &&
    (x.reason === undefined || (x.kind === 'remove' && (REMOVAL_REASONS as readonly unknown[]).includes(x.reason))) &&
    (x.category === undefined || (x.reason === 'invalidated' && typeof x.category === 'string' && CATEGORY.test(x.category))) &&
    (x.reason !== 'invalidated' || x.category !== undefined)
  );
}

export function isSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(slug);
}

// commitment = SHA-256(salt bytes || UTF-8 decimal subject id), hex.
export async function commitment(saltHex: string, subjectId: number): Promise<string> {
  return toHex(await sha256(fromHex(saltHex), utf8(String(subjectId))));
}

// The leaf's data: UTF-8 JSON with exactly these keys in this order and no spaces
// (`reason`, then `category`, last and only when present).
export function leafData(pledge: string, e: PublicEntry): Bytes {
  const base = { v: 1, pledge, seq: e.seq, kind: e.kind, type: e.type, time: e.time, commitment: e.commitment };
  return utf8(JSON.stringify(e.reason === undefined ? base : e.category === undefined ? { ...base, reason: e.reason } : { ...base, reason: e.reason, category: e.category }));
}

// An entry with only its public fields (drops anything else a server added).
export function publicEntry(e: PublicEntry): PublicEntry {
  const out: PublicEntry = { seq: e.seq, kind: e.kind, type: e.type, time: e.time, commitment: e.commitment };
  if (e.reason !== undefined) out.reason = e.reason;
  if (e.category !== undefined) out.category = e.category;
  return out;
}

export function entryLeafHash(pledge: string, e: PublicEntry): Promise<Hash> {
  return leafHash(leafData(pledge, e));
}

export type Tally = { individuals: number; societies: number; problems: string[] };

// Counts as the log says: additions minus removals, per type. Also checks that the
// log reads as a set: no subject added twice without a removal between, no removal of
// a subject that is not in.
export function newTally(): Tally & { members: Set<string> } {
  return { individuals: 0, societies: 0, problems: [], members: new Set() };
}

export function tallyEntry(t: Tally & { members: Set<string> }, e: PublicEntry): void {
  const key = `${e.type}:${e.commitment}`;
  const field = e.type === 'individual' ? 'individuals' : 'societies';
  if (e.kind === 'add') {
    if (t.members.has(key)) t.problems.push(`entry ${e.seq} adds a ${e.type} that is already counted`);
    t.members.add(key);
    t[field] += 1;
  } else {
    if (!t.members.has(key)) t.problems.push(`entry ${e.seq} removes a ${e.type} that is not counted`);
    t.members.delete(key);
    t[field] -= 1;
  }
}
