// Log entries: what a leaf says, how its bytes are made, and what the counts must be.
// Pure; shared by the Worker, scripts/verify.ts and the tests.
import { fromHex, isHash, leafHash, sha256, toHex, utf8, type Hash } from './merkle.ts';

export const ENTRY_KINDS = ['add', 'remove'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const SUBJECT_TYPES = ['individual', 'society'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

// The public part of an entry. `commitment` hides who: SHA-256(salt || subject id),
// with a 128-bit random salt that only the subject's own receipt reveals. The same
// subject keeps one salt, so its removal carries the same commitment as its addition.
export type PublicEntry = { seq: number; kind: EntryKind; type: SubjectType; time: number; commitment: string };

export function isPublicEntry(e: unknown): e is PublicEntry {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return (
    Number.isSafeInteger(x.seq) &&
    (x.seq as number) >= 0 &&
    (ENTRY_KINDS as readonly unknown[]).includes(x.kind) &&
    (SUBJECT_TYPES as readonly unknown[]).includes(x.type) &&
    Number.isSafeInteger(x.time) &&
    isHash(x.commitment)
  );
}

export function isSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(slug);
}

// commitment = SHA-256(salt bytes || UTF-8 decimal subject id), hex.
export async function commitment(saltHex: string, subjectId: number): Promise<string> {
  return toHex(await sha256(fromHex(saltHex), utf8(String(subjectId))));
}

// The leaf's data: UTF-8 JSON with exactly these keys in this order and no spaces.
export function leafData(pledge: string, e: PublicEntry): Uint8Array {
  return utf8(JSON.stringify({ v: 1, pledge, seq: e.seq, kind: e.kind, type: e.type, time: e.time, commitment: e.commitment }));
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
