import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';

// The body of POST /api/signatures/confirm and /withdraw.
export { tokenBody } from '../platform/openapi/operation.ts';

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
