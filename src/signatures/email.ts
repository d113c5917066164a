// Email normalisation: what counts as "one person" for the one-signature rule.
//
// The rule (documented in README, "One signature per person"):
// - NFKC first, so full-width forms typed with a Chinese IME (＠, ．, ｑｑ) become ASCII;
//   the ideographic full stop 。 (and ｡, which NFKC turns into it) becomes "."; then trim.
// - The domain is lower-cased and converted to punycode (IDNA), so bücher.de and
//   xn--bcher-kva.de are the same mailbox.
// - The local part is lower-cased: no provider in practice treats case as significant,
//   and case variants are the commonest way to sign twice by accident.
// - A "+tag" suffix is dropped: a+x@d and a@d reach the same inbox at every provider
//   that supports tags, and tags are the cheapest way to mint "new" addresses.
// - Dots in the local part are dropped only for Gmail, the one large provider that
//   ignores them; elsewhere a.b and ab are different people.
// - Provider aliases fold into one domain: googlemail.com is gmail.com.
// - Quoted local parts ("x y"@d) are refused (hasQuotedLocalPart gives the field a clear
//   message): they are legal but no real signer needs them, and they make "same mailbox"
//   undecidable.
// The address we mail is the address we key: the local part as typed (after NFKC and
// trim) at the domain in its DNS form (lower case, punycode), so what the key saw as
// pku.edu.cn is also where the mail goes.
export type NormalisedEmail = { address: string; key: string; domain: string };

const DOT_BLIND_DOMAINS = new Set(['gmail.com']);
const PROVIDER_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

// IME punctuation NFKC leaves alone: the ideographic full stop.
function foldIme(s: string): string {
  return s.normalize('NFKC').replaceAll('\u3002', '.').trim();
}

export function hasQuotedLocalPart(input: string): boolean {
  const s = foldIme(input);
  return s.slice(0, Math.max(0, s.lastIndexOf('@'))).includes('"');
}

export function normaliseEmail(input: string): NormalisedEmail | null {
  if (!input.isWellFormed()) return null;
  const typed = foldIme(input);
  if (typed.length > 254 || /[\s\p{Cc}\p{Cf}"]/u.test(typed)) return null;
  const at = typed.lastIndexOf('@');
  if (at <= 0 || at === typed.length - 1) return null;
  const local = typed.slice(0, at);
  if (local.length > 64 || local.includes('@') || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const domain = toAsciiDomain(typed.slice(at + 1));
  if (!domain) return null;
  const keyDomain = PROVIDER_ALIASES[domain] ?? domain;
  let keyLocal = local.toLowerCase();
  const plus = keyLocal.indexOf('+');
  if (plus > 0) keyLocal = keyLocal.slice(0, plus);
  if (DOT_BLIND_DOMAINS.has(keyDomain)) keyLocal = keyLocal.replaceAll('.', '');
  return { address: `${local}@${domain}`, key: `${keyLocal}@${keyDomain}`, domain: keyDomain };
}

// IDNA via the URL parser (punycode + lower-casing); null unless it is a plausible
// internet host name with a dot and a non-numeric top-level label.
export function toAsciiDomain(domain: string): string | null {
  if (!domain || /[/?#:\\[\]%]/.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
  const labels = host.split('.');
  if (labels.length < 2 || host.length > 253) return null;
  if (!labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  return host;
}

// Second-level labels under which the registrable name sits one label further left
// (pku.edu.cn, ox.ac.uk): kept visible with the country code.
const GENERIC_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'net', 'org']);

// An address shown back to its owner so a typo can be spotted, without spelling it out:
// the first character of the local part and of the domain name, then the public suffix
// (wei.zhang@ustc.edu.cn -> w***@u***.edu.cn). Never a full address.
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  const keep = labels.length >= 3 && GENERIC_SECOND_LEVEL.has(labels.at(-2) ?? '') ? 2 : 1;
  const suffix = labels.length > keep ? labels.slice(-keep) : [];
  const name = labels.slice(0, labels.length - suffix.length).join('.');
  const first = (s: string) => [...s][0] ?? '';
  return `${first(local)}***@${first(name)}***${suffix.map((l) => `.${l}`).join('')}`;
}
