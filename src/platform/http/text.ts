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
