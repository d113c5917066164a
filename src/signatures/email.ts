// Email normalisation: what counts as "one person" for the one-signature rule.
//
// The rule (documented in README, "One signature per person"):
// - NFKC first, so full-width forms typed with a Chinese IME (＠, ．, ｑｑ) become ASCII;
//   then trim.
// - The domain is lower-cased and converted to punycode (IDNA), so bücher.de and
//   xn--bcher-kva.de are the same mailbox.
// - The local part is lower-cased: no provider in practice treats case as significant,
//   and case variants are the commonest way to sign twice by accident.
// - A "+tag" suffix is dropped: a+x@d and a@d reach the same inbox at every provider
//   that supports tags, and tags are the cheapest way to mint "new" addresses.
// - Dots in the local part are dropped only for Gmail, the one large provider that
//   ignores them; elsewhere a.b and ab are different people.
// The address as typed (after NFKC and trim) is what we mail; the key only dedupes.
export type NormalisedEmail = { address: string; key: string; domain: string };

const DOT_BLIND_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function normaliseEmail(input: string): NormalisedEmail | null {
  const address = input.normalize('NFKC').trim();
  if (address.length > 254 || /[\s\p{Cc}\p{Cf}]/u.test(address)) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  const local = address.slice(0, at);
  if (local.length > 64 || local.includes('@') || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const domain = toAsciiDomain(address.slice(at + 1));
  if (!domain) return null;
  let keyLocal = local.toLowerCase();
  const plus = keyLocal.indexOf('+');
  if (plus > 0) keyLocal = keyLocal.slice(0, plus);
  if (DOT_BLIND_DOMAINS.has(domain)) keyLocal = keyLocal.replaceAll('.', '');
  return { address, key: `${keyLocal}@${domain}`, domain };
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
