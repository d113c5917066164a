import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pledges } from '../platform/db/schema.ts';
import { getCounts } from '../pledges/counters.queries.ts';
import { forgetUpdates } from './updates.cache.ts';
import { milestoneTexts } from './updates.messages.ts';
import { getMilestoneSettings, insertUpdate, type MilestoneSettings, reachedThresholds, setMilestoneSettings } from './updates.queries.ts';
import { type LangText, milestoneThresholds, type PledgeUpdate } from './updates.ts';

// Publishing updates and reaching milestones. No HTTP here; the console, the admin API
// and the counts hook adapt them. Mailing an update (notify) is the signatures feature's
// job (src/signatures/subscribers.actions.ts): it walks the updates not yet mailed.

export type UpdateInput = { title: LangText; body: LangText; notify: boolean };

export async function publishUpdate(d: Db, pledgeId: number, input: UpdateInput, actor: string, now: number): Promise<PledgeUpdate> {
  const update = await insertUpdate(d, { pledgeId, kind: 'update', threshold: null, ...input, actor, now });
  forgetUpdates(pledgeId);
  // An update has no threshold, so it is never a conflict.
  return update!;
}

export async function saveMilestones(d: Db, pledgeId: number, settings: MilestoneSettings, now: number): Promise<void> {
  await setMilestoneSettings(d, pledgeId, settings, now);
}

// Thresholds known to have fired, per pledge, in this isolate: a milestone fires once
// and for ever, so this only ever grows, and a busy pledge past its thresholds costs two
// small reads per check.
const fired = new Map<number, Set<number>>();

// Where crossing is detected: after every change of counts (afterCountsChanged, in
// waitUntil, after the response: off the hot path) and by the Cron Trigger (which
// catches changes made elsewhere, e.g. a recount). Idempotent: each threshold is a
// unique key per pledge (pledge_updates_threshold), so it fires once, even when the
// count then drops below it and rises again, and concurrent checks insert it once.
export async function reachMilestones(d: Db, pledgeId: number, now: number): Promise<PledgeUpdate[]> {
  const [[pledge], settings, counts] = await Promise.all([
    d.select({ goal: pledges.goal }).from(pledges).where(eq(pledges.id, pledgeId)).limit(1),
    getMilestoneSettings(d, pledgeId),
    getCounts(d, pledgeId),
  ]);
  if (!pledge) return [];
  const known = fired.get(pledgeId) ?? new Set<number>();
  const due = milestoneThresholds(pledge.goal, settings.thresholds).filter((t) => t <= counts.individuals && !known.has(t));
  if (due.length === 0) return [];
  const reached = await reachedThresholds(d, pledgeId);
  const created: PledgeUpdate[] = [];
  for (const threshold of due) {
    if (!reached.has(threshold)) {
      const texts = milestoneTexts(threshold, threshold === pledge.goal);
      const update = await insertUpdate(d, { pledgeId, kind: 'milestone', threshold, ...texts, notify: settings.notify, actor: null, now });
      if (update) created.push(update);
    }
    known.add(threshold);
  }
  fired.set(pledgeId, known);
  if (created.length > 0) forgetUpdates(pledgeId);
  return created;
}

// The Cron Trigger: every pledge that is not a draft.
export async function reachAllMilestones(d: Db, now: number): Promise<number> {
  const rows = await d.select({ id: pledges.id, status: pledges.status }).from(pledges);
  let n = 0;
  for (const p of rows) if (p.status !== 'draft') n += (await reachMilestones(d, p.id, now)).length;
  return n;
}

// Tests reset the per-isolate memory of fired thresholds.
export function forgetFiredMilestones(): void {
  fired.clear();
}
