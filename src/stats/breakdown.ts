// Breakdown rules, free of HTTP and storage: small groups are suppressed so no one is
// identifiable from the published statistics, and breakdowns are published from
// snapshots taken at most once per period, so two answers cannot be differenced.

// Groups with fewer than this many signatures are shown as "fewer than 5".
export const MIN_GROUP_SIZE = 5;

export type Group = { key: string; count: number | null; suppressed: boolean };

// The one key under which all suppressed groups of a breakdown are published together:
// the keys of small groups are never published (a key alone says "someone from here").
export const SUPPRESSED_KEY = '*';

// Groups from counter values. Any group under MIN_GROUP_SIZE is suppressed. If that
// leaves exactly one group suppressed, its count could be derived from the total minus
// the others, so the next smallest group is suppressed too (complementary
// suppression). Empty groups are left out. Shown groups come first, largest first;
// the suppressed ones follow as one entry, SUPPRESSED_KEY, with neither keys nor count.
export function suppressSmallGroups(values: ReadonlyArray<{ key: string; value: number }>): Group[] {
  const groups = values.filter((v) => v.value > 0).sort((a, b) => a.value - b.value || a.key.localeCompare(b.key));
  const hidden = new Set(groups.filter((g) => g.value < MIN_GROUP_SIZE).map((g) => g.key));
  if (hidden.size === 1) {
    const next = groups.find((g) => !hidden.has(g.key));
    if (next) hidden.add(next.key);
  }
  const shown = groups.filter((g) => !hidden.has(g.key)).sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  return [...shown.map((g) => ({ key: g.key, count: g.value, suppressed: false })), ...(hidden.size > 0 ? [{ key: SUPPRESSED_KEY, count: null, suppressed: true }] : [])];
}

// Snapshots: the counters behind the breakdowns are read at most once per period (a
// UTC hour) and served until the next one, so a signer who confirms now appears in the
// statistics only at the next period, among everyone else who confirmed in between.
const SNAPSHOT_PERIOD_MS = 3_600_000;

export function snapshotPeriod(ms: number): string {
  return hourBucket(ms);
}

export type Point = { bucket: string; count: number };

// Time buckets are UTC, as the counter triggers write them: hour 'YYYY-MM-DDTHH', day 'YYYY-MM-DD'.
export function hourBucket(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

export function dayBucket(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// A continuous series from `from` to `to` (inclusive buckets), with zeros where
// nothing was counted, so charts and consumers need not fill gaps.
export function fillSeries(points: ReadonlyArray<{ bucket: string; value: number }>, from: number, to: number, unit: 'hour' | 'day'): Point[] {
  const step = unit === 'hour' ? 3_600_000 : 86_400_000;
  const key = unit === 'hour' ? hourBucket : dayBucket;
  const values = new Map(points.map((p) => [p.bucket, p.value]));
  const out: Point[] = [];
  const start = Date.parse(unit === 'hour' ? `${hourBucket(from)}:00:00Z` : `${dayBucket(from)}T00:00:00Z`);
  for (let t = start; t <= to && out.length < 10_000; t += step) out.push({ bucket: key(t), count: Math.max(0, values.get(key(t)) ?? 0) });
  return out;
}
