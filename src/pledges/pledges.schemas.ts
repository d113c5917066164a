import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';
import { PLEDGE_STATUSES } from './pledges.ts';

export const PledgeSummary = named(
  'Pledge',
  z.object({
    slug: z.string(),
    status: z.enum(PLEDGE_STATUSES),
    goal: z.number().int().nullable(),
    opensAt: z.number().int().nullable(),
    closesAt: z.number().int().nullable(),
    featured: z.boolean(),
    defaultLang: z.string(),
  }),
);

export const PledgeTextBody = named(
  'PledgeText',
  z.object({
    lang: z.string(),
    version: z.string().describe('SHA-256 content hash of this text: what a signer signs'),
    title: z.string(),
    subtitle: z.string(),
    body: z.string().describe('Paragraphs separated by blank lines; "## " starts a heading'),
    societiesHeading: z.string(),
  }),
);

export const PledgeDetail = named(
  'PledgeDetail',
  PledgeSummary.extend({
    texts: z.array(PledgeTextBody),
    counts: z.object({ individuals: z.number().int(), societies: z.number().int(), updatedAt: z.number().int() }),
  }),
);

export const PledgeList = z.object({ items: z.array(PledgeSummary) });
