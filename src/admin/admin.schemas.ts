import { z } from 'zod';

// Response bodies of the organisers' JSON API. Rows are the stored records as the
// console shows them (contact data included: this API is private).
export const Row = z.record(z.string(), z.unknown());
export const Items = z.object({ items: z.array(Row) });
export const BulkPreview = z.object({ matching: z.number(), confirmed: z.number(), pending: z.number(), held: z.number() });
export const BulkDone = z.object({ invalidated: z.number(), ids: z.array(z.number()) });
