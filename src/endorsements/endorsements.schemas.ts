import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';

export const EndorsementPending = z.object({ status: z.literal('pending') });

export const EndorsingSociety = named(
  'EndorsingSociety',
  z.object({
    id: z.number().int(),
    name: z.object({ 'zh-Hans': z.string().nullable(), 'zh-Hant': z.string().nullable(), en: z.string().nullable() }),
    website: z.string().nullable(),
    category: z.string(),
    founding: z.boolean(),
    verifiedAt: z.number().nullable(),
  }),
  'A verified co-signing society. Never any contact data.',
);

export const EndorsingSocieties = z.object({ total: z.number().int(), items: z.array(EndorsingSociety) });
