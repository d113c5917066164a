import { z } from 'zod';
import { named } from '../openapi/operation.ts';

// The body of POST /api/signatures/confirm and /withdraw.
export const tokenBody = z.object({ token: z.string().min(1).max(200).describe('The token from the link in the mail') });

export const PendingBody = named('Pending', z.object({ status: z.literal('pending') }));

export const ConfirmedBody = named(
  'Confirmed',
  z.object({
    status: z.literal('confirmed'),
    alreadyConfirmed: z.boolean(),
    withdrawToken: z.string().nullable().describe('Token for POST /api/signatures/withdraw, while still valid'),
  }),
);

export const WithdrawnBody = named('Withdrawn', z.object({ status: z.literal('withdrawn') }));
