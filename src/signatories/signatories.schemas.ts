import { z } from 'zod';
import { VERIFICATION_LEVELS } from '../platform/db/states.ts';
import { named } from '../platform/openapi/operation.ts';
import { FIELDS } from '../signatures/signatures.ts';

export const SignatoryBody = named(
  'Signatory',
  z.object({
    name: z.string(),
    affiliation: z.string(),
    field: z.enum(FIELDS),
    confirmedAt: z.number().int().describe('When the signature was confirmed, ms since the epoch'),
    verification: z
      .enum(VERIFICATION_LEVELS)
      .describe('How strongly the signer is verified: email (mailbox confirmed), institution (academic or research mailbox), orcid (ORCID iD proven by signing in with ORCID)'),
    orcid: z.string().nullable().describe('The ORCID iD the signer proved (verification orcid), else null; https://orcid.org/<iD> is their record'),
    orcidClaimed: z.boolean().describe('The signer typed an ORCID iD without proving it (self-reported; the iD is not published)'),
  }),
  'A confirmed signer who consented to be listed. Never an email address.',
);

export const SignatoriesPage = named(
  'SignatoriesPage',
  z.object({ items: z.array(SignatoryBody), nextCursor: z.string().nullable().describe('null on the last page') }),
  'One page of public signatories, most recent first.',
);
export type SignatoriesPage = z.infer<typeof SignatoriesPage>;
