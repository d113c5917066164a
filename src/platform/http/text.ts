import { z } from 'zod';

// Free text we store and show: well-formed Unicode (no lone surrogates, which D1
// cannot store faithfully) and no control characters such as NUL. Everything else,
// including markup-looking text, bidi controls and emoji, is stored as given and
// escaped on output.
export function isCleanText(s: string): boolean {
  return s.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s);
}

const typeError = (iss: { input: unknown }) => (iss.input === undefined || iss.input === null ? 'required' : 'invalid');

export function requiredText(max: number) {
  return z
    .string({ error: typeError })
    .refine((s) => s.trim().length > 0, 'required')
    .refine((s) => s.length <= max, 'tooLong')
    .refine(isCleanText, 'invalidCharacters');
}

export function optionalText(max: number) {
  return z
    .string({ error: 'invalid' })
    .refine((s) => s.length <= max, 'tooLong')
    .refine(isCleanText, 'invalidCharacters')
    .optional();
}

export { typeError };

// zod issues -> {field: code}. Codes are translated by the caller.
export function fieldCodes(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out[key] ??= 'unknownField';
      continue;
    }
    const field = String(issue.path[0] ?? '_');
    out[field] ??= issue.message;
  }
  return out;
}

// Text a stranger types and we mail (names, affiliations, society and contact names)
// must not reach a mailbox as a link: a scheme (http://, mailto:), "www." or anything
// shaped like a domain name (evil.example). Checked after NFKC, so full-width forms
// (ｗｗｗ．, ．) fold to ASCII, and an IME full stop between Latin letters (evil。example)
// counts as a dot. "Dept. of Physics" and "J. R. Smith" pass (a dot then a space).
const SCHEME = /[a-z][a-z0-9+.-]*:\/\/|\b(?:mailto|data|javascript):|\bwww\d*\./i;
const DOMAIN = /(?:^|[^\p{L}\p{N}_-])[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}-]+)*\.(?:\p{L}{2,63}|xn--[a-z0-9-]+)(?![\p{L}\p{N}_-])/iu;

export function containsLink(s: string): boolean {
  const folded = s
    .normalize('NFKC')
    .replace(/[\u3002\uFF61\uFE12\u2E3C](?=[a-z0-9])/gi, '.')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
  return SCHEME.test(folded) || DOMAIN.test(folded);
}

// requiredText/optionalText for a field that is mailed: also refuses links ('link').
export const noLink = (s: string | undefined) => s === undefined || !containsLink(s);
