import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';
import { FIELDS } from '../signatures/signatures.ts';

export const SignatoryBody = named(
  'Signatory',
  z.object({
    name: z.string(),
    affiliation: z.string(),
    field: z.enum(FIELDS),
    confirmedAt: z.number().int().describe('When the signature was confirmed, ms since the epoch'),
  }),
  'A confirmed signer who consented to be listed. Never an email address.',
);

export const SignatoriesPage = named(
  'SignatoriesPage',
  z.object({ items: z.array(SignatoryBody), nextCursor: z.string().nullable().describe('null on the last page') }),
  'One page of public signatories, most recent first.',
);
export type SignatoriesPage = z.infer<typeof SignatoriesPage>;
