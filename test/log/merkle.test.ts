import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  completedNodes,
  consistencyRanges,
  emptyRoot,
  type Frontier,
  fromHex,
  frontierNodes,
  frontierRoot,
  type Hash,
  inclusionRanges,
  leafHash,
  merkleRoot,
  type NodeKey,
  nodeHash,
  type Range,
  rangeHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../src/log/merkle.ts';

// The reference tree of the Certificate Transparency test suites (certificate-
// transparency C++ merkle_tree_test.cc, the Go merkle package testdata): eight leaves,
// the roots of every prefix, and audit paths and consistency proofs. The suites number
// leaves from 1; here indices are 0-based. Cross-checked against an independent
// recursive implementation of the RFC 6962 definitions (node:crypto, outside this repo).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: Array<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CT_CONSISTENCY: Array<{ first: number; second: number; proof: string[] }> = [
  { first: 1, second: 1, proof: [] },
  {
    first: 1,
    second: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
];

const leaves = await Promise.all(CT_LEAVES.map(leafHash));
const hex = (hs: Hash[]) => hs.map(toHex);

// MTH of ranges straight from the leaf hashes (a reference for the range recursion).
async function mth(hs: Hash[]): Promise<Hash> {
  if (hs.length === 0) return emptyRoot();
  if (hs.length === 1) return hs[0]!;
  let k = 1;
  while (k * 2 < hs.length) k *= 2;
  return nodeHash(await mth(hs.slice(0, k)), await mth(hs.slice(k)));
}
const proofFor = (ranges: Range[], hs: Hash[]) => Promise.all(ranges.map(([a, b]) => mth(hs.slice(a, b))));

function flip(h: Hash): Hash {
  const out = new Uint8Array(h);
  out[0]! ^= 1;
  return out;
}

describe('RFC 6962 trees: the Certificate Transparency reference vectors', () => {
  it('roots of every prefix of the 8-leaf tree, including the empty tree', async () => {
    for (let n = 0; n <= 8; n++) {
      expect(toHex(await merkleRoot(leaves.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n]);
      expect(toHex(await mth(leaves.slice(0, n)))).toBe(CT_ROOTS[n]);
    }
    expect(toHex(await leafHash(new Uint8Array()))).toBe(CT_ROOTS[1]);
  });

  it('audit paths: generated as the vectors say, and verified', async () => {
    for (const v of CT_INCLUSION) {
      const proof = await proofFor(inclusionRanges(v.index, v.size), leaves);
      expect(hex(proof), `leaf ${v.index} of ${v.size}`).toEqual(v.proof);
      const root = fromHex(CT_ROOTS[v.size]!);
      expect(await verifyInclusion(v.index, v.size, leaves[v.index]!, v.proof.map(fromHex), root)).toBe(true);
      // Any change fails: another leaf, another index, another size, a bit flipped, a
      // node dropped or added, another root.
      expect(await verifyInclusion(v.index, v.size, leaves[(v.index + 1) % 8]!, proof, root)).toBe(false);
      if (v.size > 1) expect(await verifyInclusion((v.index + 1) % v.size, v.size, leaves[v.index]!, proof, root)).toBe(false);
      if (v.size < 8) expect(await verifyInclusion(v.index, v.size + 1, leaves[v.index]!, proof, fromHex(CT_ROOTS[v.size + 1]!))).toBe(false);
      expect(await verifyInclusion(v.index, v.size, leaves[v.index]!, [...proof, leaves[0]!], root)).toBe(false);
      if (proof.length > 0) {
        expect(await verifyInclusion(v.index, v.size, leaves[v.index]!, [flip(proof[0]!), ...proof.slice(1)], root)).toBe(false);
        expect(await verifyInclusion(v.index, v.size, leaves[v.index]!, proof.slice(1), root)).toBe(false);
      }
      expect(await verifyInclusion(v.index, v.size, leaves[v.index]!, proof, flip(root))).toBe(false);
    }
  });

  it('consistency proofs: generated as the vectors say, and verified', async () => {
    for (const v of CT_CONSISTENCY) {
      const proof = await proofFor(consistencyRanges(v.first, v.second), leaves);
      expect(hex(proof), `${v.first} -> ${v.second}`).toEqual(v.proof);
      const r1 = fromHex(CT_ROOTS[v.first]!);
      const r2 = fromHex(CT_ROOTS[v.second]!);
      expect(await verifyConsistency(v.first, v.second, proof, r1, r2)).toBe(true);
      if (v.first !== v.second) {
        expect(await verifyConsistency(v.first, v.second, proof, flip(r1), r2)).toBe(false);
        expect(await verifyConsistency(v.first, v.second, proof, r1, flip(r2))).toBe(false);
        expect(await verifyConsistency(v.first, v.second, [flip(proof[0]!), ...proof.slice(1)], r1, r2)).toBe(false);
        expect(await verifyConsistency(v.first, v.second, proof.slice(0, -1), r1, r2)).toBe(false);
        expect(await verifyConsistency(v.first - 1 || 2, v.second, proof, r1, r2)).toBe(false);
      }
    }
    // Trees 3 -> 7 and 4 -> 8 (from the same independent computation).
    expect(hex(await proofFor(consistencyRanges(3, 7), leaves))).toEqual([
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e',
    ]);
    expect(hex(await proofFor(consistencyRanges(4, 8), leaves))).toEqual(['6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']);
    expect(await verifyConsistency(0, 8, [], fromHex(CT_ROOTS[0]!), fromHex(CT_ROOTS[8]!))).toBe(true);
  });
});

describe('stored subtrees: what the Worker computes equals the RFC definition', () => {
  // Builds the store the Worker keeps (every complete perfect subtree), growing in
  // random steps, then answers ranges from it.
  async function grow(all: Hash[], steps: number[]) {
    const store = new Map<string, Hash>();
    const key = (k: NodeKey) => `${k.level}:${k.index}`;
    let size = 0;
    for (const step of steps) {
      const batch = all.slice(size, size + step);
      if (batch.length === 0) break;
      const frontierKeys = new Set(frontierNodes(size).map(key));
      const made = await completedNodes(size, batch, (k) => (frontierKeys.has(key(k)) ? store.get(key(k)) : undefined));
      batch.forEach((h, i) => void store.set(`0:${size + i}`, h));
      for (const n of made) store.set(key(n), n.hash);
      size += batch.length;
    }
    return { size, node: (k: NodeKey) => store.get(key(k)) ?? new Uint8Array(0) };
  }

  it('holds for random tree sizes, growth steps, proofs and frontier roots', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }), async (n, steps) => {
        const all = await Promise.all(Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i, n))));
        const { size, node } = await grow(all, [...steps, n]);
        const hs = all.slice(0, size);
        const root = await mth(hs);
        expect(toHex(await rangeHash([0, size], node))).toBe(toHex(root));
        const f: Frontier = [];
        for (const h of hs) await appendLeaf(f, h);
        expect(toHex(await frontierRoot(f))).toBe(toHex(root));
        for (let m = 0; m < size; m++) {
          const path = await Promise.all(inclusionRanges(m, size).map((r) => rangeHash(r, node)));
          expect(await verifyInclusion(m, size, hs[m]!, path, root)).toBe(true);
        }
        for (let m = 1; m <= size; m++) {
          const proof = await Promise.all(consistencyRanges(m, size).map((r) => rangeHash(r, node)));
          expect(await verifyConsistency(m, size, proof, await mth(hs.slice(0, m)), root)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
