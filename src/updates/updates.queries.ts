import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pledgeMilestones, pledgeUpdates } from '../platform/db/schema.ts';
import { type LangText, type PledgeUpdate, parseLangText, parseThresholds, type UpdateKind } from './updates.ts';

// Storage of updates and milestone settings (drizzle). Functions take the handle first.

export type NewUpdate = { pledgeId: number; kind: UpdateKind; threshold: number | null; title: LangText; body: LangText; notify: boolean; actor: string | null; now: number };

// Inserts an update; a milestone whose threshold already fired for this pledge is not
// inserted again (unique key): null.
export async function insertUpdate(db: Db, u: NewUpdate): Promise<PledgeUpdate | null> {
  const [row] = await db
    .insert(pledgeUpdates)
    .values({
      pledgeId: u.pledgeId,
      kind: u.kind,
      threshold: u.threshold,
      title: JSON.stringify(u.title),
      body: JSON.stringify(u.body),
      notify: u.notify,
      // Nothing to mail: already done.
      mailedAt: u.notify ? null : u.now,
      actor: u.actor,
      createdAt: u.now,
    })
    .onConflictDoNothing()
    .returning();
  return row ? toUpdate(row) : null;
}

type Row = typeof pledgeUpdates.$inferSelect;

function toUpdate(r: Row): PledgeUpdate {
  return { id: r.id, kind: r.kind, threshold: r.threshold, title: parseLangText(r.title), body: parseLangText(r.body), publishedAt: r.createdAt };
}

// Newest first.
export async function listUpdates(db: Db, pledgeId: number, limit = 100): Promise<PledgeUpdate[]> {
  const rows = await db.select().from(pledgeUpdates).where(eq(pledgeUpdates.pledgeId, pledgeId)).orderBy(desc(pledgeUpdates.createdAt), desc(pledgeUpdates.id)).limit(limit);
  return rows.map(toUpdate);
}

// The thresholds that already fired, as milestones.
export async function reachedThresholds(db: Db, pledgeId: number): Promise<Set<number>> {
  const rows = await db
    .select({ threshold: pledgeUpdates.threshold })
    .from(pledgeUpdates)
    .where(and(eq(pledgeUpdates.pledgeId, pledgeId), eq(pledgeUpdates.kind, 'milestone')));
  return new Set(rows.flatMap((r) => (r.threshold === null ? [] : [r.threshold])));
}

export type MilestoneSettings = { thresholds: number[]; notify: boolean };

export async function getMilestoneSettings(db: Db, pledgeId: number): Promise<MilestoneSettings> {
  const [row] = await db.select().from(pledgeMilestones).where(eq(pledgeMilestones.pledgeId, pledgeId)).limit(1);
  return row ? { thresholds: parseThresholds(row.thresholds), notify: row.notify } : { thresholds: [], notify: false };
}

export async function setMilestoneSettings(db: Db, pledgeId: number, s: MilestoneSettings, now: number): Promise<void> {
  const values = { thresholds: JSON.stringify(s.thresholds), notify: s.notify, updatedAt: now };
  await db
    .insert(pledgeMilestones)
    .values({ pledgeId, ...values })
    .onConflictDoUpdate({ target: pledgeMilestones.pledgeId, set: values });
}

// The updates still to be mailed, oldest first.
export async function unmailedUpdates(db: Db, limit = 10) {
  return db
    .select({
      id: pledgeUpdates.id,
      pledgeId: pledgeUpdates.pledgeId,
      kind: pledgeUpdates.kind,
      title: pledgeUpdates.title,
      body: pledgeUpdates.body,
      mailCursor: pledgeUpdates.mailCursor,
    })
    .from(pledgeUpdates)
    .where(and(eq(pledgeUpdates.notify, true), isNull(pledgeUpdates.mailedAt)))
    .orderBy(pledgeUpdates.id)
    .limit(limit);
}

export async function markMailed(db: Db, id: number, now: number): Promise<void> {
  await db
    .update(pledgeUpdates)
    .set({ mailedAt: now })
    .where(and(eq(pledgeUpdates.id, id), isNull(pledgeUpdates.mailedAt)));
}
