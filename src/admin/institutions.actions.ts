import type { Context } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import { deleteDomainRule, listDomainRules, putDomainRule, rederiveDomain } from '../signatures/verification.queries.ts';
import { recordAudit } from './audit.ts';
import { type AdminEnv, appContext } from './auth.ts';

// Organisers' changes to the academic and research domain list (issue 16), shared by the
// console and the JSON API: the rule, its audit entry, and the level of every signature
// at or under the domain derived again (the counts and the wall follow).
type C = Context<AdminEnv>;

export type RuleChange = { domain: string; changed: number };

async function rederive(c: C, domain: string): Promise<number> {
  const { changed, pledgeIds } = await rederiveDomain(c.var.db, domain, await listDomainRules(c.var.db));
  for (const id of pledgeIds) afterCountsChanged(appContext(c), id);
  return changed;
}

export async function putInstitutionRule(c: C, rule: { domain: string; listed: boolean; note: string | null }): Promise<RuleChange> {
  const now = Date.now();
  await putDomainRule(c.var.db, { ...rule, actor: c.get('actor'), now });
  const changed = await rederive(c, rule.domain);
  await recordAudit(c.env.DB, c.get('actor'), { action: rule.listed ? 'institutions.add' : 'institutions.remove', target: `domain:${rule.domain}`, detail: { changed } }, now);
  return { domain: rule.domain, changed };
}

// Drops an organiser's rule: the built-in list decides again. null: there was no rule.
export async function deleteInstitutionRule(c: C, domain: string): Promise<RuleChange | null> {
  if (!(await deleteDomainRule(c.var.db, domain))) return null;
  const changed = await rederive(c, domain);
  await recordAudit(c.env.DB, c.get('actor'), { action: 'institutions.reset', target: `domain:${domain}`, detail: { changed } });
  return { domain, changed };
}
