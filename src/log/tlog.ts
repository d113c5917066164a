// The log in the C2SP transparency formats: checkpoint note text (c2sp.org/tlog-checkpoint),
// the separately signed counts note, and tile paths (c2sp.org/tlog-tiles). Pure; shared by
// the Worker, the witness, the monitor and the verifiers.
import { type Bytes, fromBase64, toBase64 } from './merkle.ts';

export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

// The site's log prefix without scheme: PUBLIC_URL "https://pledge.example.org/" gives
// "pledge.example.org/log". It is also the name of the log's note key (one key signs
// every pledge's log on a site). Null when PUBLIC_URL is not an http(s) URL.
export function logKeyName(publicUrl: string | undefined): string | null {
  if (!publicUrl) return null;
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

// A pledge's log origin: "<host>/log/<slug>" (the scheme-less URL prefix of its tiles).
export function logOrigin(publicUrl: string | undefined, slug: string): string | null {
  const name = logKeyName(publicUrl);
  return name ? `${name}/${slug}` : null;
}

export type CheckpointBody = { origin: string; size: number; root: Bytes };

// The checkpoint's note text: origin, tree size, base64 root, each line ending in "\n".
// No extension lines (c2sp.org/tlog-checkpoint does not recommend them, and public
// witnesses may refuse them): the counts are a separate note (countsText).
export function checkpointText(c: CheckpointBody): string {
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n`;
}

// Parses a checkpoint's note text (extension lines are returned, not interpreted).
export function parseCheckpointText(text: string): CheckpointBody & { extensions: string[] } {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '') throw new Error('a checkpoint has at least three lines, each ending in a newline');
  const [origin, size, root, ...rest] = lines.slice(0, -1) as [string, string, string, ...string[]];
  if (!origin) throw new Error('empty origin');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error('bad tree size');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(root)) throw new Error('bad root hash');
  if (rest.some((l) => l === '')) throw new Error('empty extension line');
  return { origin, size: Number(size), root: fromBase64(root), extensions: rest };
}

export type CountsBody = CheckpointBody & { individuals: number; societies: number };

export const COUNTS_HEADER = 'pledge-counts/v1';

// The counts note text: it names the checkpoint it is about (origin, size, root) and
// the totals, which equal the log's additions minus removals at that size. Its first
// line keeps it from ever parsing as a checkpoint.
export function countsText(c: CountsBody): string {
  return [COUNTS_HEADER, `origin ${c.origin}`, `tree_size ${c.size}`, `root_hash ${toBase64(c.root)}`, `individuals ${c.individuals}`, `societies ${c.societies}`, ''].join('\n');
}

export function parseCountsText(text: string): CountsBody {
  const m =
    /^pledge-counts\/v1\norigin (\S+)\ntree_size (0|[1-9][0-9]{0,15})\nroot_hash ([A-Za-z0-9+/]{43}=)\nindividuals (0|[1-9][0-9]{0,15})\nsocieties (0|[1-9][0-9]{0,15})\n$/.exec(
      text,
    );
  if (!m) throw new Error('malformed counts note');
  return { origin: m[1]!, size: Number(m[2]), root: fromBase64(m[3]!), individuals: Number(m[4]), societies: Number(m[5]) };
}

// Tile index path elements: 1234067 -> "x001/x234/067".
export function encodeTileIndex(n: number): string {
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

export type TileRef = { level: number | 'entries'; index: number; width: number };

// "<L>/<N>[.p/<W>]" or "entries/<N>[.p/<W>]" (the part after "tile/"); null when it is
// not a tile path in the spec's encoding. width 256 is a full tile.
export function parseTilePath(path: string): TileRef | null {
  const m = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!m) return null;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) return null;
  const groups = [
    ...(m[2] ?? '')
      .split('/')
      .filter(Boolean)
      .map((g) => g.slice(1)),
    m[3]!,
  ];
  if (groups.length > 1 && groups[0] === '000') return null;
  if (groups.length > 6) return null;
  const index = groups.reduce((acc, g) => acc * 1000 + Number(g), 0);
  const width = m[4] ? Number(m[4]) : TILE_WIDTH;
  if (width > 255 && m[4]) return null;
  return { level, index, width };
}

function tilePath(t: TileRef): string {
  return `tile/${t.level}/${encodeTileIndex(t.index)}${t.width < TILE_WIDTH ? `.p/${t.width}` : ''}`;
}

// The hashes a tile of level `level` holds for a tree of `size` leaves, in total
// (full tiles and the partial one): floor(size / 256^level).
export function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

// Entry bundles: big-endian uint16 length-prefixed entries.
export function encodeBundle(entries: Uint8Array[]): Bytes {
  let total = 0;
  for (const e of entries) {
    if (e.length > 0xffff) throw new Error('entry too long for a bundle');
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

export function decodeBundle(bytes: Uint8Array): Bytes[] {
  const out: Bytes[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) throw new Error('truncated bundle');
    const n = bytes[o]! * 256 + bytes[o + 1]!;
    if (o + 2 + n > bytes.length) throw new Error('truncated bundle');
    out.push(bytes.slice(o + 2, o + 2 + n));
    o += 2 + n;
  }
  return out;
}

export function splitHashes(bytes: Uint8Array): Bytes[] {
  if (bytes.length % 32 !== 0) throw new Error('a tile is a whole number of 32-byte hashes');
  const out: Bytes[] = [];
  for (let o = 0; o < bytes.length; o += 32) out.push(bytes.slice(o, o + 32));
  return out;
}
