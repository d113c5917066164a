// The audit log: every organiser action, who, when, what, which rows. Never signer
// emails or addresses in `detail`: ids and filters only.
export type AuditEntry = { action: string; target?: string | null; detail?: Record<string, unknown> | null };

export async function recordAudit(d1: D1Database, actor: string, entry: AuditEntry, now = Date.now()): Promise<void> {
  await d1
    .prepare('INSERT INTO audit_log (actor, action, target, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(actor, entry.action, entry.target ?? null, entry.detail ? JSON.stringify(entry.detail) : null, now)
    .run();
}

// The audit entry as a statement, to run in the same D1 batch as the change it records
// (all or nothing). `onlyIf` is an SQL condition (with its own ?NN parameters numbered
// from 6) that must hold after the change, so a change that did not happen is not logged.
export function auditStatement(d1: D1Database, actor: string, entry: AuditEntry, now: number, onlyIf?: { sql: string; params: unknown[] }): D1PreparedStatement {
  return d1
    .prepare(`INSERT INTO audit_log (actor, action, target, detail, created_at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${onlyIf?.sql ?? 'true'}`)
    .bind(actor, entry.action, entry.target ?? null, entry.detail ? JSON.stringify(entry.detail) : null, now, ...(onlyIf?.params ?? []));
}

export type AuditRow = { id: number; actor: string; action: string; target: string | null; detail: string | null; createdAt: number };

export async function listAudit(d1: D1Database, limit = 100, before: number | null = null): Promise<AuditRow[]> {
  const { results } = await d1
    .prepare('SELECT id, actor, action, target, detail, created_at AS createdAt FROM audit_log WHERE (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?1')
    .bind(limit, before)
    .all<AuditRow>();
  return results;
}
