import { z } from 'zod';
import { fieldCodes, noLink, optionalText, requiredText, typeError } from '../platform/http/text.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import { hasQuotedLocalPart, normaliseEmail } from '../signatures/email.ts';
import type { Parsed } from '../signatures/signatures.input.ts';
import { CATEGORIES, type Category, parseWebsite } from './endorsements.ts';
import { cleanName, hasHan, nameForms } from './names.ts';

// The JSON body of POST /api/pledges/:slug/endorsements (strict: unknown keys are errors).
export const endorsementBody = z
  .object({
    // Mailed fields take no links (issue 13).
    name: requiredText(200).refine(noLink, 'link'),
    nameEn: optionalText(200).refine(noLink, 'link'),
    website: z
      .string({ error: typeError })
      .refine((s) => s.trim().length > 0, 'required')
      .refine((s) => s.trim().length === 0 || parseWebsite(s) !== null, 'invalid'),
    category: z.enum(CATEGORIES, { error: (iss) => (iss.input === undefined || iss.input === '' ? 'required' : 'invalid') }),
    contactName: requiredText(100).refine(noLink, 'link'),
    contactRole: requiredText(100).refine(noLink, 'link'),
    email: z
      .string({ error: typeError })
      .refine((s) => s.trim().length > 0, 'required')
      .refine((s) => !hasQuotedLocalPart(s), 'quoted')
      .refine((s) => s.trim().length === 0 || normaliseEmail(s) !== null, 'invalid'),
    statement: optionalText(2000),
    lang: z.string({ error: 'invalid' }).refine(isLang, 'invalid').optional(),
    turnstileToken: z.string({ error: 'invalid' }).max(4096, 'invalid').optional(),
  })
  .strict();

// A validated endorsement: the society's names in every form we can derive.
export type EndorsementInput = {
  // The name as typed (cleaned), shown to the organiser.
  submittedName: string;
  nameHans: string | null;
  nameHant: string | null;
  nameEn: string | null;
  website: string;
  websiteHost: string;
  category: Category;
  contactName: string;
  contactRole: string;
  email: string;
  // The normalised address (the mail ledger's key).
  emailKey: string;
  emailDomain: string;
  statement: string | null;
  lang: Lang | undefined;
  turnstileToken: string | undefined;
};

export function parseEndorsement(data: unknown): Parsed<EndorsementInput> {
  const result = endorsementBody.safeParse(data);
  if (!result.success) return { ok: false, codes: fieldCodes(result.error) };
  const b = result.data;
  const forms = nameForms(b.name);
  const nameEn = b.nameEn && b.nameEn.trim() ? cleanName(b.nameEn) : forms.en;
  if (b.nameEn && hasHan(b.nameEn)) return { ok: false, codes: { nameEn: 'notEnglish' } };
  const website = parseWebsite(b.website)!;
  const email = normaliseEmail(b.email)!;
  const statement = b.statement?.trim() ? b.statement.trim() : null;
  return {
    ok: true,
    value: {
      submittedName: cleanName(b.name),
      nameHans: forms.hans,
      nameHant: forms.hant,
      nameEn,
      website: website.url,
      websiteHost: website.host,
      category: b.category,
      contactName: b.contactName.trim(),
      contactRole: b.contactRole.trim(),
      email: email.address,
      emailKey: email.key,
      emailDomain: email.domain,
      statement,
      lang: b.lang as Lang | undefined,
      turnstileToken: b.turnstileToken,
    },
  };
}

export const ENDORSE_FORM_FIELDS = ['name', 'nameEn', 'website', 'category', 'contactName', 'contactRole', 'email', 'statement', 'lang'] as const;

// The HTML form posts strings; map them onto the JSON shape.
export function formToEndorsementBody(form: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of ['name', 'website', 'contactName', 'contactRole', 'email'] as const) body[key] = form[key] ?? '';
  for (const key of ['nameEn', 'statement', 'lang', 'category'] as const) if (form[key]) body[key] = form[key];
  if (form['cf-turnstile-response']) body.turnstileToken = form['cf-turnstile-response'];
  return body;
}
