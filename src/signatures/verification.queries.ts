import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { institutionDomains, signatures } from '../platform/db/schema.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { type DomainRule, isInstitutionDomain, LEVEL, type Level } from './verification.ts';

// Storage of verification levels (issue 16): the organisers' domain rules, the levels
// of existing signatures when the rules change, and the verified counts.

export type DomainRuleRow = DomainRule & { note: string | null; actor: string; createdAt: number };

export async function listDomainRules(db: Db): Promise<DomainRuleRow[]> {
  return db.select().from(institutionDomains).orderBy(asc(institutionDomains.domain));
}

// Adds or replaces the rule for a domain (the caller audits it).
export async function putDomainRule(db: Db, rule: DomainRule & { note: string | null; actor: string; now: number }): Promise<void> {
  const row = { domain: rule.domain, listed: rule.listed, note: rule.note, actor: rule.actor, createdAt: rule.now };
  await db
    .insert(institutionDomains)
    .values(row)
    .onConflictDoUpdate({ target: institutionDomains.domain, set: { listed: row.listed, note: row.note, actor: row.actor, createdAt: row.createdAt } });
}

// Removes an organiser's rule (the built-in list decides again). false: there was none.
export async function deleteDomainRule(db: Db, domain: string): Promise<boolean> {
  const gone = await db.delete(institutionDomains).where(eq(institutionDomains.domain, domain)).returning({ domain: institutionDomains.domain });
  return gone.length > 0;
}

// The signatures whose level can follow the mailbox domain: not ORCID-proven (that
// level does not depend on the domain), not withdrawn (their domain is erased).
const domainLevels = inArray(signatures.verification, [LEVEL.email, LEVEL.institution]);

// After a rule for `domain` changed: every mailbox domain at or under it gets its level
// again under the current rules. Returns the pledges whose signatures changed level.
export async function rederiveDomain(db: Db, domain: string, rules: readonly DomainRule[]): Promise<{ changed: number; pledgeIds: number[] }> {
  const underDomain = sql`(${signatures.emailDomain} = ${domain} OR substr(${signatures.emailDomain}, -${domain.length + 1}) = ${`.${domain}`})`;
  const found = await db.selectDistinct({ emailDomain: signatures.emailDomain }).from(signatures).where(and(underDomain, domainLevels));
  let changed = 0;
  const pledgeIds = new Set<number>();
  for (const { emailDomain } of found) {
    if (!emailDomain) continue;
    const level: Level = isInstitutionDomain(emailDomain, rules) ? LEVEL.institution : LEVEL.email;
    const rows = await db
      .update(signatures)
      .set({ verification: level })
      .where(and(eq(signatures.emailDomain, emailDomain), domainLevels, sql`${signatures.verification} != ${level}`))
      .returning({ pledgeId: signatures.pledgeId });
    changed += rows.length;
    for (const r of rows) pledgeIds.add(r.pledgeId);
  }
  return { changed, pledgeIds: [...pledgeIds] };
}

// Whether another signature of the pledge already proved this iD (confirmed, or held
// after its mailbox was confirmed).
export async function orcidProvenElsewhere(db: Db, pledgeId: number, orcid: string): Promise<boolean> {
  const [row] = await db
    .select({ id: signatures.id })
    .from(signatures)
    .where(
      and(
        eq(signatures.pledgeId, pledgeId),
        eq(signatures.orcid, orcid),
        eq(signatures.verification, LEVEL.orcid),
        inArray(signatures.state, [SIGNATURE.confirmed, SIGNATURE.held]),
      ),
    )
    .limit(1);
  return row !== undefined;
}
