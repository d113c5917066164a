import { desc, lt } from 'drizzle-orm';
import { db } from '../platform/db/client.ts';
import { auditLog } from '../platform/db/schema.ts';
// The audit log: every organiser action, who, when, what, which rows. Never signer
// emails or addresses in `detail`: ids and filters only.
export type AuditEntry = { action: string; target?: string | null; detail?: Record<string, unknown> | null };

export async function recordAudit(d1: D1Database, actor: string, entry: AuditEntry, now = Date.now()): Promise<void> {
  await db(d1)
    .insert(auditLog)
    .values({ actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ? JSON.stringify(entry.detail) : null, createdAt: now })
    .run();
}

// The audit entry as a raw statement, to run in the same D1 batch as the change it
// records (all or nothing). `onlyIf` is an SQL condition (with its own ?NN parameters numbered
// from 6) that must hold after the change, so a change that did not happen is not logged.
export function auditStatement(d1: D1Database, actor: string, entry: AuditEntry, now: number, onlyIf?: { sql: string; params: unknown[] }): D1PreparedStatement {
  return d1
    .prepare(`INSERT INTO audit_log (actor, action, target, detail, created_at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${onlyIf?.sql ?? 'true'}`)
    .bind(actor, entry.action, entry.target ?? null, entry.detail ? JSON.stringify(entry.detail) : null, now, ...(onlyIf?.params ?? []));
}

export type AuditRow = { id: number; actor: string; action: string; target: string | null; detail: string | null; createdAt: number };

export async function listAudit(d1: D1Database, limit = 100, before: number | null = null): Promise<AuditRow[]> {
  return db(d1)
    .select({ id: auditLog.id, actor: auditLog.actor, action: auditLog.action, target: auditLog.target, detail: auditLog.detail, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(before === null ? undefined : lt(auditLog.id, before))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
