// Retention of signers' personal data (issue 15). Per pledge, `retention_days` after the
// pledge closes (pledges.closes_at), the Cron Trigger erases what identifies a signer:
// the address (email, its key and domain), the IP hash, every link (confirm, withdraw,
// manage tokens), and, for those not on the public list, the name, affiliation, title
// and ORCID. What stays: the row with its state, field, region, society and times (the
// counts and breakdowns are counted from them), the public log (no personal data), and
// the public list (listed signers keep their name and affiliation). A pledge without a
// closing time is never erased. Pure rules here; SQL in retention.queries.ts.

export const RETENTION_DAYS_DEFAULT = 180;
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;

const DAY_MS = 86_400_000;

// Rows per statement, and rows per Cron run over all pledges (about 2 D1 statements per
// 500 rows, well inside a Worker invocation's limits; a bigger backlog takes more runs).
export const ERASE_BATCH = 500;
export const ERASE_PER_RUN = 5_000;

// When a pledge's signers' personal data is due for erasure (null: never, no closing time).
export function erasureDueAt(pledge: { closesAt: number | null; retentionDays: number }): number | null {
  return pledge.closesAt === null ? null : pledge.closesAt + pledge.retentionDays * DAY_MS;
}
