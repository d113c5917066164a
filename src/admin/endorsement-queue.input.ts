import { z } from 'zod';
import { QUEUE_STATES } from '../endorsements/endorsements.ts';
import { decodeQueueCursor, QUEUE_LIMIT } from './endorsement-queue.ts';

// Query of GET /api/admin/endorsements (and the console page): every parameter checked,
// 400 on anything else, never a 5xx.
const queueState = z.enum(Object.keys(QUEUE_STATES) as [keyof typeof QUEUE_STATES, ...(keyof typeof QUEUE_STATES)[]], { error: 'invalid' });

export const queueQuery = z.object({
  state: queueState.default('pending').describe('pending (awaiting the organiser, default) | unconfirmed | verified | rejected'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'invalid')
    .transform(Number)
    .pipe(z.number().int().min(1, 'invalid').max(QUEUE_LIMIT.max, 'invalid'))
    .optional()
    .describe(`Page size, 1-${QUEUE_LIMIT.max}, default ${QUEUE_LIMIT.default}`),
  cursor: z
    .string()
    .max(100, 'invalid')
    .refine((s) => decodeQueueCursor(s) !== null, 'invalid')
    .optional()
    .describe('Opaque cursor: the "next" of the previous page'),
  q: z.string().max(100, 'tooLong').optional().describe('Search: society name in either script or English, website, contact email domain (up to 100 characters)'),
  sort: z.enum(['oldest', 'newest'], { error: 'invalid' }).default('oldest').describe('oldest (default) or newest first'),
  pledge: z.string().max(80, 'invalid').optional().describe('Only this pledge (slug)'),
});
export type QueueQuery = z.output<typeof queueQuery>;

// Bulk rejection by filter: preview first, then run with the previewed count.
// A filter must narrow by something (search, network or contact domain).
export const bulkRejectBody = z
  .object({
    state: z.enum(['pending', 'unconfirmed'], { error: 'invalid' }).default('pending'),
    pledge: z.string({ error: 'invalid' }).max(80, 'invalid').optional(),
    q: z.string({ error: 'invalid' }).max(100, 'tooLong').optional(),
    ipHash: z
      .string({ error: 'invalid' })
      .regex(/^[0-9a-f]{8,64}$/, 'invalid')
      .optional(),
    emailDomain: z
      .string({ error: 'invalid' })
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9.-]{1,253}$/, 'invalid'))
      .optional(),
    reason: z.string({ error: 'invalid' }).max(1000, 'tooLong').optional(),
    expected: z.number({ error: 'invalid' }).int().nonnegative().optional(),
  })
  .strict()
  .refine((b) => !!(b.q?.trim() || b.ipHash || b.emailDomain), { message: 'emptyFilter', path: ['_'] });
export type BulkRejectBody = z.output<typeof bulkRejectBody>;
