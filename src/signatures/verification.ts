// How strongly a signature is verified (issue 16): rules, no I/O. A level is derived,
// never typed by the signer:
//  - email: the mailbox was confirmed (every counted signature);
//  - institution: the confirmed mailbox's domain is academic or research;
//  - orcid: the signer proved the ORCID iD by signing in with ORCID.
// A signature has one level, the strongest proof it carries. An ORCID iD typed without
// signing in is kept and shown as claimed; it never raises the level.
import { LEVEL, VERIFICATION_LEVELS as LEVELS, type VerificationLevel as Level } from '../platform/db/states.ts';
import { SWOT_DOMAINS, SWOT_STOPLIST, SWOT_SUFFIXES } from './academic-domains.generated.ts';

export { LEVEL, LEVELS, type Level };

export function isLevel(s: unknown): s is Level {
  return typeof s === 'string' && (LEVELS as readonly string[]).includes(s);
}

// Research domains the swot list (universities and colleges) misses: academies and
// national research organisations. Their subdomains match too (iop.cas.cn...).
export const RESEARCH_DOMAINS = [
  // China: the academies and the Chinese Academy of Sciences' institutes (ac.cn and
  // edu.cn come with swot's academic suffixes).
  'cas.cn',
  'cas.org.cn',
  'cass.cn',
  'cass.org.cn',
  'cae.cn',
  'caas.cn',
  'cams.cn',
  'catas.cn',
  'chinacdc.cn',
  'nsfc.gov.cn',
  'cast.org.cn',
  'sinica.edu.tw',
  // International research organisations.
  'cern.ch',
  'embl.org',
  'embl.de',
  'mpg.de',
  'fraunhofer.de',
  'helmholtz.de',
  'cnrs.fr',
  'inria.fr',
  'inserm.fr',
  'inrae.fr',
  'cea.fr',
  'riken.jp',
  'csiro.au',
  'nih.gov',
  'nasa.gov',
  'noaa.gov',
  'nist.gov',
  'usgs.gov',
  'lbl.gov',
  'llnl.gov',
  'anl.gov',
  'ornl.gov',
  'pnnl.gov',
  'bnl.gov',
  'fnal.gov',
  'lanl.gov',
  'sandia.gov',
  'a-star.edu.sg',
  'ukri.org',
  'wellcome.org',
  'who.int',
];

// An organiser's change to the list: listed true adds the domain (and its subdomains),
// false removes it.
export type DomainRule = { domain: string; listed: boolean };

// The small lists as sets, made on first use. The big one is never parsed: a lookup
// finds its parent's group by binary search (the groups are sorted by parent) and the
// name inside the group, so the first request of an isolate pays nothing for it.
let small: { research: Set<string>; suffixes: Set<string>; stop: Set<string> } | null = null;
function smallLists() {
  small ??= { research: new Set(RESEARCH_DOMAINS), suffixes: new Set(SWOT_SUFFIXES.split(' ')), stop: new Set(SWOT_STOPLIST.split(' ')) };
  return small;
}

const parentOf = (group: string) => group.slice(0, group.indexOf(' '));

function inSwot(domain: string): boolean {
  const dot = domain.indexOf('.');
  if (dot <= 0) return false;
  const name = domain.slice(0, dot);
  const parent = domain.slice(dot + 1);
  let lo = 0;
  let hi = SWOT_DOMAINS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const group = SWOT_DOMAINS[mid]!;
    const p = parentOf(group);
    if (p === parent) return `${group} `.includes(` ${name} `);
    if (p < parent) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

// A domain as the rules compare it: lower case, no trailing dot, labels of letters,
// digits and hyphens (punycode for others, as src/signatures/email.ts stores them).
export function domainKey(input: string): string | null {
  const d = input.trim().toLowerCase().replace(/\.$/, '');
  if (d.length === 0 || d.length > 253) return null;
  const labels = d.split('.');
  if (labels.length < 2 || labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return null;
  return d;
}

// Whether mail at `domain` comes from an academic or research institution. Compared by
// whole labels, from the full domain up to its parents, and the most specific rule wins:
// an organiser's rule, then swot's stoplist, then a listed domain (or a subdomain of
// one); last, a subdomain of an academic suffix (edu, ac.uk, edu.cn...). So
// pku.edu.cn and mail.pku.edu.cn match; pku.edu.cn.evil.example and
// edu.cn.example.org do not (their parents are evil.example, example.org...).
export function isInstitutionDomain(domain: string, rules: readonly DomainRule[] = []): boolean {
  const d = domainKey(domain);
  if (!d) return false;
  const { research, suffixes, stop } = smallLists();
  const organisers = new Map(rules.map((r) => [r.domain, r.listed]));
  const labels = d.split('.');
  for (let i = 0; i < labels.length; i++) {
    const candidate = labels.slice(i).join('.');
    const rule = organisers.get(candidate);
    if (rule !== undefined) return rule;
    if (stop.has(candidate)) return false;
    if (research.has(candidate) || inSwot(candidate)) return true;
    // A bare suffix (edu.cn itself) is nobody's mailbox domain.
    if (i > 0 && suffixes.has(candidate)) return true;
  }
  return false;
}

// The level a signature gets when its mailbox is confirmed.
export function levelOf(s: { emailDomain: string | null; orcidProven: boolean }, rules: readonly DomainRule[] = []): Level {
  if (s.orcidProven) return LEVEL.orcid;
  return s.emailDomain && isInstitutionDomain(s.emailDomain, rules) ? LEVEL.institution : LEVEL.email;
}
