import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';
import { FIELDS } from '../signatures/signatures.ts';

export const signatoriesQuery = z
  .object({
    q: z.string().max(100, 'tooLong').optional().describe('Search in name and affiliation: substring, up to 100 characters of any script, case-insensitive, Simplified and Traditional Chinese alike (大学 finds 大學)'),
    cursor: z
      .string()
      .max(100, 'invalid')
      .regex(/^[A-Za-z0-9_-]+$/, 'invalid')
      .optional()
      .describe('Opaque cursor: the nextCursor of the previous page'),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'invalid')
      .transform(Number)
      .pipe(z.number().int().min(1, 'invalid').max(100, 'invalid'))
      .optional()
      .describe('Page size, 1-100, default 50'),
  })
  .describe('Query of the signatories list');

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
