import type { StatsBody } from '../counts/counts.schemas.ts';
import { countByLevel } from '../counts/verified.queries.ts';
import { reasonFields } from '../log/entry.ts';
import { removalsByReason } from '../log/log.queries.ts';
import type { Db } from '../platform/db/client.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { fill } from '../platform/i18n/messages.ts';
import { getCounts } from '../pledges/counters.queries.ts';
import { societyName } from '../pledges/pledges.queries.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { regionName } from '../signatures/regions.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { FIELDS, type Field } from '../signatures/signatures.ts';
import { fillSeries, hourBucket, MIN_GROUP_SIZE, SUPPRESSED_KEY, snapshotPeriod, suppressSmallGroups } from './breakdown.ts';
import { statsWords } from './stats.messages.ts';
import { type CounterRow, getBreakdownCounters, getSnapshot, getSocietyNames, putSnapshot, type Snapshot } from './stats.queries.ts';

export const HOURS_SHOWN = 48;

// Reads the counters into a snapshot of the period `now` falls in.
async function takeSnapshot(db: Db, pledgeId: number, now: number): Promise<Snapshot> {
  const since = now - (HOURS_SHOWN - 1) * 3_600_000;
  const [counts, rows, removed, levels] = await Promise.all([
    getCounts(db, pledgeId),
    getBreakdownCounters(db, pledgeId, hourBucket(since)),
    removalsByReason(db.$client, pledgeId),
    countByLevel(db, pledgeId),
  ]);
  // Removals by their public reason (the log's), taken with the snapshot like every number.
  const removals = { withdrawn: 0, invalidated: 0, byCategory: {} as Record<string, number> };
  for (const r of removed) {
    if (r.type !== 'individual') continue;
    const { reason, category } = reasonFields(r.reason);
    if (reason === 'withdrawn') removals.withdrawn += r.n;
    if (reason === 'invalidated' && category) {
      removals.invalidated += r.n;
      removals.byCategory[category] = (removals.byCategory[category] ?? 0) + r.n;
    }
  }
  return { period: snapshotPeriod(now), takenAt: now, body: { individuals: counts.individuals, updatedAt: counts.updatedAt, rows, removals, levels } };
}

// The snapshot of the current period: the stored one, or (first request of the period,
// or the Cron Trigger) a new one read from the counters and stored.
export async function currentSnapshot(db: Db, pledgeId: number, now = Date.now()): Promise<Snapshot> {
  const stored = await getSnapshot(db, pledgeId);
  if (stored && stored.period >= snapshotPeriod(now)) return stored;
  return putSnapshot(db, pledgeId, await takeSnapshot(db, pledgeId, now));
}

// The published statistics of a pledge, in the visitor's language: every number comes
// from the current snapshot, so answers within one period are identical.
export async function pledgeStats(db: Db, pledge: Pledge, lang: Lang, now = Date.now()): Promise<StatsBody> {
  const snapshot = await currentSnapshot(db, pledge.id, now);
  const at = snapshot.takenAt;
  const since = at - (HOURS_SHOWN - 1) * 3_600_000;
  const counts = snapshot.body;
  const rows = snapshot.body.rows;
  const of = (metric: string) => rows.filter((r) => r.metric === metric).map((r: CounterRow) => ({ key: r.bucket, bucket: r.bucket, value: r.value }));
  const societyIds = of('society')
    .map((r) => Number(r.key))
    .filter(Number.isSafeInteger);
  const societies = new Map((await getSocietyNames(db, societyIds)).map((s) => [String(s.id), societyName(s, lang)]));
  const fieldNames = signWords(lang).fields;
  const others = fill(statsWords(lang).suppressedGroups, { n: MIN_GROUP_SIZE });
  const label = (name: (key: string) => string) => (g: { key: string; count: number | null; suppressed: boolean }) => ({
    ...g,
    label: g.key === SUPPRESSED_KEY ? others : name(g.key),
  });
  const days = of('day')
    .map((d) => d.bucket)
    .sort();
  return {
    slug: pledge.slug,
    individuals: counts.individuals,
    updatedAt: counts.updatedAt,
    minGroupSize: MIN_GROUP_SIZE,
    timeZone: 'UTC',
    byField: suppressSmallGroups(of('field')).map(label((k) => ((FIELDS as readonly string[]).includes(k) ? fieldNames[k as Field] : k))),
    byRegion: suppressSmallGroups(of('region')).map(label((k) => regionName(k, lang))),
    bySociety: suppressSmallGroups(of('society')).map(label((k) => societies.get(k) ?? k)),
    perHour: fillSeries(of('hour'), since, at, 'hour'),
    perDay: days.length ? fillSeries(of('day'), Date.parse(`${days[0]}T00:00:00Z`), at, 'day') : [],
    removals: snapshot.body.removals ?? { withdrawn: 0, invalidated: 0, byCategory: {} },
    // Not suppressed: the counts API publishes the verified totals exactly anyway.
    byVerification: snapshot.body.levels ?? { email: counts.individuals, institution: 0, orcid: 0 },
  };
}
