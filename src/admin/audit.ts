// The audit log: every organiser action, who, when, what, which rows. Never signer
// emails or addresses in `detail`: ids and filters only.
export type AuditEntry = { action: string; target?: string | null; detail?: Record<string, unknown> | null };

export async function recordAudit(d1: D1Database, actor: string, entry: AuditEntry, now = Date.now()): Promise<void> {
  await d1
    .prepare('INSERT INTO audit_log (actor, action, target, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(actor, entry.action, entry.target ?? null, entry.detail ? JSON.stringify(entry.detail) : null, now)
    .run();
}

export type AuditRow = { id: number; actor: string; action: string; target: string | null; detail: string | null; createdAt: number };

export async function listAudit(d1: D1Database, limit = 100, before: number | null = null): Promise<AuditRow[]> {
  const { results } = await d1
    .prepare('SELECT id, actor, action, target, detail, created_at AS createdAt FROM audit_log WHERE (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?1')
    .bind(limit, before)
    .all<AuditRow>();
  return results;
}
