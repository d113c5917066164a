import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';
import { UPDATE_KINDS } from './updates.ts';

const LangTextBody = named(
  'LangText',
  z.object({ 'zh-Hans': z.string().optional(), 'zh-Hant': z.string().optional(), en: z.string().optional() }),
  'A text in one to three languages',
);

export const UpdateBody = named(
  'PledgeUpdate',
  z.object({
    id: z.number().int(),
    kind: z.enum(UPDATE_KINDS).describe('update: published by the organisers; milestone: the count crossed a threshold (the goal or one the organisers set)'),
    threshold: z.number().int().nullable().describe('For a milestone: the count it marks'),
    title: LangTextBody,
    body: LangTextBody.describe('Plain text: blank lines separate paragraphs; http(s) addresses are links'),
    publishedAt: z.number().int().describe('ms since the epoch'),
  }),
);

export const UpdateList = named('PledgeUpdates', z.object({ items: z.array(UpdateBody).describe('Newest first') }));
