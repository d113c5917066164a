import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';

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

// The receipt (pledge-log-receipt/v1): checked by `npm run verify` and /p/:slug/verify.
export const ReceiptBody = z.record(z.string(), z.unknown()).describe('pledge-log-receipt/v1');
