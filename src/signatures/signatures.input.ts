import { z } from 'zod';
import { fieldCodes, noLink, optionalText, requiredText, typeError } from '../platform/http/text.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import { hasQuotedLocalPart, normaliseEmail } from './email.ts';
import { normaliseOrcid } from './orcid.ts';
import { isRegion } from './regions.ts';
import { FIELDS } from './signatures.ts';

// The JSON body of POST /api/pledges/:slug/signatures (strict: unknown keys are errors).
export const signatureBody = z
  .object({
    // Mailed back in the confirmation: no links (issue 13).
    name: requiredText(100).refine(noLink, 'link'),
    email: z
      .string({ error: typeError })
      .refine((s) => s.trim().length > 0, 'required')
      .refine((s) => !hasQuotedLocalPart(s), 'quoted')
      .refine((s) => normaliseEmail(s) !== null, 'invalid'),
    affiliation: requiredText(200).refine(noLink, 'link'),
    field: z.enum(FIELDS, { error: (iss) => (iss.input === undefined ? 'required' : 'invalid') }),
    region: z
      .string({ error: typeError })
      .refine((s) => s !== '', 'required')
      .refine((s) => s === '' || isRegion(s), 'invalid')
      .describe('ISO 3166-2:CN code such as CN-BJ, or an ISO 3166-1 alpha-2 country code'),
    title: optionalText(100).refine(noLink, 'link'),
    orcid: z
      .string({ error: 'invalid' })
      .refine((s) => s.trim() === '' || normaliseOrcid(s) !== null, 'checksum')
      .optional(),
    public: z.boolean({ error: 'invalid' }).optional().describe('Consent to list name and affiliation publicly; default false'),
    updates: z
      .boolean({ error: 'invalid' })
      .optional()
      .describe('Opt-in to this pledge\'s updates by mail ("email me about this pledge"); default false. Every update mail has a one-click unsubscribe'),
    version: z
      .string({ error: 'invalid' })
      .regex(/^[0-9a-f]{64}$/, 'invalid')
      .optional()
      .describe('The text version (content hash) signed; default the current one'),
    lang: z.string({ error: 'invalid' }).refine(isLang, 'invalid').optional(),
    orcidProof: z
      .string({ error: 'invalid' })
      .max(4096, 'invalid')
      .optional()
      .describe('The proof from ORCID sign-in (GET /auth/orcid/start): the iD it proves replaces `orcid`, and the signature is verified at level orcid once confirmed'),
    turnstileToken: z.string({ error: 'invalid' }).max(4096, 'invalid').optional(),
  })
  .strict();

// A validated signature, ready to store.
export type SignatureInput = {
  name: string;
  email: string;
  emailKey: string;
  emailDomain: string;
  affiliation: string;
  field: (typeof FIELDS)[number];
  region: string;
  title: string | null;
  orcid: string | null;
  // Set by the sign handler from a valid `orcidProof`, never by the body itself.
  orcidProven: boolean;
  orcidProof: string | undefined;
  public: boolean;
  updates: boolean;
  version: string | undefined;
  lang: Lang | undefined;
  turnstileToken: string | undefined;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; codes: Record<string, string> };

// validated: data is already signatureBody's output (the JSON API's route validated it
// with the same schema), so it is not parsed twice.
export function parseSignature(data: unknown, opts: { validated?: boolean } = {}): Parsed<SignatureInput> {
  let b: z.output<typeof signatureBody>;
  if (opts.validated) b = data as z.output<typeof signatureBody>;
  else {
    const result = signatureBody.safeParse(data);
    if (!result.success) return { ok: false, codes: fieldCodes(result.error) };
    b = result.data;
  }
  const email = normaliseEmail(b.email)!;
  const orcid = b.orcid && b.orcid.trim() !== '' ? normaliseOrcid(b.orcid) : null;
  return {
    ok: true,
    value: {
      name: b.name,
      email: email.address,
      emailKey: email.key,
      emailDomain: email.domain,
      affiliation: b.affiliation,
      field: b.field,
      region: b.region,
      title: b.title && b.title.trim() !== '' ? b.title : null,
      orcid,
      orcidProven: false,
      orcidProof: b.orcidProof && b.orcidProof !== '' ? b.orcidProof : undefined,
      public: b.public ?? false,
      updates: b.updates ?? false,
      version: b.version,
      lang: b.lang as Lang | undefined,
      turnstileToken: b.turnstileToken,
    },
  };
}

// The HTML form posts strings; map them onto the JSON shape (checkbox -> boolean,
// empty optional fields -> absent) and ignore anything else it carries.
export const SIGN_FORM_FIELDS = ['name', 'email', 'affiliation', 'field', 'region', 'title', 'orcid', 'orcidProof', 'public', 'updates', 'version', 'lang'] as const;

export function formToSignatureBody(form: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of ['name', 'email', 'affiliation', 'field', 'region'] as const) body[key] = form[key] ?? '';
  for (const key of ['title', 'orcid', 'orcidProof', 'version', 'lang'] as const) if (form[key]) body[key] = form[key];
  if (form['cf-turnstile-response']) body.turnstileToken = form['cf-turnstile-response'];
  body.public = form.public === 'on' || form.public === '1' || form.public === 'true';
  body.updates = form.updates === 'on' || form.updates === '1' || form.updates === 'true';
  if (body.field === '') delete body.field;
  return body;
}
