import { sustainedLimits } from '../signatures/signatures.handlers.ts';
import { trending } from './moderation.queries.ts';
import { TRENDING_MIN, TRENDING_WINDOW_MS } from './moderation.ts';

// IP hashes and email domains with unusually many signatures in the last hour. Big
// public mail providers are listed but marked `common` (many unrelated people).
export async function trendingNow(env: Env, min = TRENDING_MIN, now = Date.now()) {
  const since = now - TRENDING_WINDOW_MS;
  const exempt = sustainedLimits(env).exemptDomains;
  const [ips, domains] = await Promise.all([trending(env.DB, 'ip_hash', since, min), trending(env.DB, 'email_domain', since, min)]);
  return { since, min, ipHashes: ips, emailDomains: domains.map((d) => ({ ...d, common: exempt.has(d.key) })) };
}
