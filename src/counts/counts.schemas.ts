import { z } from 'zod';
import { named } from '../openapi/operation.ts';
import { PLEDGE_STATUSES } from '../pledges/pledge.ts';

export const CountsBody = named(
  'Counts',
  z.object({
    slug: z.string(),
    individuals: z.number().int().describe('Confirmed individual signatures'),
    societies: z.number().int().describe('Verified society co-signatures'),
    updatedAt: z.number().int().describe('Last change of either counter, ms since the epoch'),
    goal: z.number().int().nullable().describe('Target number of individual signatures, if set'),
    status: z.enum(PLEDGE_STATUSES),
    closesAt: z.number().int().nullable().describe('When signing closes, ms since the epoch, if set'),
  }),
  'Headline totals, read from the counters (never a scan of signatures).',
);
export type CountsBody = z.infer<typeof CountsBody>;
