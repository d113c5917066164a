// Merkle trees exactly as RFC 6962 section 2.1 (Certificate Transparency), with the
// proof verification algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2.
// Pure functions over WebCrypto: they run in the Worker, in Node (scripts/verify.ts)
// and in any browser. Sizes and indices are plain numbers (safe up to 2^53); no
// bitwise operators, which would truncate to 32 bits.

// Byte arrays over a plain ArrayBuffer (what WebCrypto accepts in every runtime's types).
export type Bytes = Uint8Array<ArrayBuffer>;
export type Hash = Bytes;
// A half-open range of leaf indices [start, end).
export type Range = readonly [start: number, end: number];
// A perfect subtree: the 2^level leaves starting at index * 2^level.
export type NodeKey = { level: number; index: number };

const enc = new TextEncoder();

export function utf8(text: string): Bytes {
  return new Uint8Array(enc.encode(text));
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Bytes {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function isHash(hex: unknown): hex is string {
  return typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Bytes {
  const s = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function sha256(...parts: Uint8Array[]): Promise<Hash> {
  let total = 0;
  for (const p of parts) total += p.length;
  const buf = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    buf.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
}

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

// MTH({d}) = SHA-256(0x00 || d)
export function leafHash(data: Uint8Array): Promise<Hash> {
  return sha256(LEAF_PREFIX, data);
}

// MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
export function nodeHash(left: Hash, right: Hash): Promise<Hash> {
  return sha256(NODE_PREFIX, left, right);
}

// The root of the empty tree: SHA-256 of the empty string.
export function emptyRoot(): Promise<Hash> {
  return sha256();
}

// k: the largest power of two smaller than n (n >= 2).
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && Number.isInteger(Math.log2(n)) && 2 ** Math.log2(n) === n;
}

// RFC 6962 2.1.1 PATH(m, D[n]), as the ranges whose MTH make up the audit path
// (leaf to root order).
export function inclusionRanges(index: number, size: number): Range[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new RangeError('index out of range');
  const out: Range[] = [];
  const walk = (m: number, start: number, n: number) => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      out.push([start + k, start + n]);
    } else {
      walk(m - k, start + k, n - k);
      out.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return out;
}

// RFC 6962 2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as ranges. Empty when
// m == n or m == 0 (nothing to prove).
export function consistencyRanges(first: number, second: number): Range[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) throw new RangeError('sizes out of range');
  const out: Range[] = [];
  if (first === 0 || first === second) return out;
  const sub = (m: number, start: number, n: number, b: boolean) => {
    if (m === n) {
      if (!b) out.push([start, start + n]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, k, b);
      out.push([start + k, start + n]);
    } else {
      sub(m - k, start + k, n - k, false);
      out.push([start, start + k]);
    }
  };
  sub(first, 0, second, true);
  return out;
}

// The perfect subtrees whose hashes give MTH(D[start:end]) by the RFC recursion.
// A perfect subtree of a tree never changes once complete, so a log can store them.
export function rangeNodes([start, end]: Range): NodeKey[] {
  const n = end - start;
  if (n < 1) throw new RangeError('empty range');
  if (isPowerOfTwo(n) && start % n === 0) return [{ level: Math.log2(n), index: start / n }];
  const k = splitPoint(n);
  return [...rangeNodes([start, start + k]), ...rangeNodes([start + k, end])];
}

// MTH(D[start:end]) from stored perfect subtree hashes (see rangeNodes).
export async function rangeHash([start, end]: Range, node: (key: NodeKey) => Hash): Promise<Hash> {
  const n = end - start;
  if (n < 1) throw new RangeError('empty range');
  if (isPowerOfTwo(n) && start % n === 0) return node({ level: Math.log2(n), index: start / n });
  const k = splitPoint(n);
  return nodeHash(await rangeHash([start, start + k], node), await rangeHash([start + k, end], node));
}

// The frontier of a tree of `size` leaves: the perfect subtrees of the binary
// decomposition of size, left to right (a tree of 6 leaves: [0,4) and [4,6)).
export function frontierNodes(size: number): NodeKey[] {
  const out: NodeKey[] = [];
  let rest = size;
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0 && rest > 0; level--) {
    const width = 2 ** level;
    if (rest >= width) {
      out.push({ level, index: start / width });
      start += width;
      rest -= width;
    }
  }
  return out;
}

// The perfect subtrees that become complete when a tree grows from `from` leaves by
// `newLeaves`, from the new leaf hashes and the old tree's frontier (frontierNodes(from)).
export async function completedNodes(from: number, newLeaves: Hash[], frontier: (key: NodeKey) => Hash | undefined): Promise<Array<NodeKey & { hash: Hash }>> {
  const to = from + newLeaves.length;
  const known = new Map<string, Hash>();
  const key = (level: number, index: number) => `${level}:${index}`;
  newLeaves.forEach((h, i) => void known.set(key(0, from + i), h));
  const out: Array<NodeKey & { hash: Hash }> = [];
  for (let level = 1; 2 ** level <= to; level++) {
    const width = 2 ** level;
    for (let index = Math.floor(from / width); (index + 1) * width <= to; index++) {
      if ((index + 1) * width <= from) continue;
      const get = (i: number) => known.get(key(level - 1, i)) ?? frontier({ level: level - 1, index: i });
      const left = get(2 * index);
      const right = get(2 * index + 1);
      if (!left || !right) throw new Error(`missing child of node ${level}:${index}`);
      const hash = await nodeHash(left, right);
      known.set(key(level, index), hash);
      out.push({ level, index, hash });
    }
  }
  return out;
}

// A compact range: the frontier of a tree being built leaf by leaf (for verifiers that
// download every entry). O(log n) memory; the root of any prefix on the way.
export type Frontier = Array<{ size: number; hash: Hash }>;

export async function appendLeaf(frontier: Frontier, leaf: Hash): Promise<void> {
  let item = { size: 1, hash: leaf };
  while (frontier.length > 0 && frontier[frontier.length - 1]!.size === item.size) {
    const left = frontier.pop()!;
    item = { size: left.size * 2, hash: await nodeHash(left.hash, item.hash) };
  }
  frontier.push(item);
}

export async function frontierRoot(frontier: Frontier): Promise<Hash> {
  if (frontier.length === 0) return emptyRoot();
  let root = frontier[frontier.length - 1]!.hash;
  for (let i = frontier.length - 2; i >= 0; i--) root = await nodeHash(frontier[i]!.hash, root);
  return root;
}

export async function merkleRoot(leaves: Hash[]): Promise<Hash> {
  const f: Frontier = [];
  for (const leaf of leaves) await appendLeaf(f, leaf);
  return frontierRoot(f);
}

const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

// "If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
// is set or fn is 0."
function shiftToOdd(fn: number, sn: number): [number, number] {
  while (!odd(fn) && fn !== 0) {
    fn = half(fn);
    sn = half(sn);
  }
  return [fn, sn];
}

// RFC 9162 2.1.3.2: verifying an inclusion proof.
export async function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      [fn, sn] = shiftToOdd(fn, sn);
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

// RFC 9162 2.1.4.2: verifying a consistency proof between trees of size first and
// second. Sizes 0 and equal sizes are handled as the RFC describes (empty proofs).
export async function verifyConsistency(first: number, second: number, proof: Hash[], firstRoot: Hash, secondRoot: Hash): Promise<boolean> {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      [fn, sn] = shiftToOdd(fn, sn);
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}
