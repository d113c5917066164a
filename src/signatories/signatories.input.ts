import { z } from 'zod';
import { VERIFICATION_LEVELS } from '../platform/db/states.ts';
import { queryInt, queryText } from '../platform/http/query.ts';
import { decodeCursor } from './signatories.ts';

// The query of the signatories list (GET /api/pledges/:slug/signatories and its page).
export const signatoriesQuery = z
  .object({
    q: queryText(
      100,
      'Search in name and affiliation: substring, up to 100 characters of any script, case-insensitive, Simplified and Traditional Chinese alike (大学 finds 大學)',
    ),
    cursor: z
      .string()
      .max(100, 'invalid')
      .regex(/^[A-Za-z0-9_-]+$/, 'invalid')
      .refine((s) => decodeCursor(s) !== null, 'invalid')
      .transform((s) => decodeCursor(s)!)
      .optional()
      .describe('Opaque cursor: the nextCursor of the previous page'),
    limit: queryInt(1, 100, 'Page size, 1-100, default 50'),
    level: z
      .enum(VERIFICATION_LEVELS, { error: 'invalid' })
      .optional()
      .describe('Only signers verified at this level: email (mailbox confirmed), institution (academic or research mailbox), orcid (ORCID iD proven by sign-in)'),
  })
  .describe('Query of the signatories list');
