import { z } from 'zod';
import { defineOperation, ErrorBody, invalid, named, notFound, slugParams } from '../platform/openapi/operation.ts';
import { endorsementBody } from './endorsements.input.ts';

// OpenAPI declarations of the public endorsement routes (src/endorsements/endorsements.api.ts).
const Pending = z.object({ status: z.literal('pending') });

const EndorsingSociety = named(
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

export const endorsementsOperations = [
  defineOperation({
    method: 'post',
    path: '/api/pledges/:slug/endorsements',
    operationId: 'endorsePledge',
    summary: 'A society co-signs a pledge (its contact confirms by mail, then an organiser verifies)',
    tags: ['Endorsements'],
    params: slugParams,
    body: endorsementBody,
    responses: {
      202: { description: 'Accepted; the contact gets a confirmation mail', schema: Pending },
      400: invalid,
      404: notFound,
      409: { description: 'The pledge is closed or not open yet', schema: ErrorBody },
      429: { description: 'Too many submissions from this network', schema: ErrorBody, headers: { 'Retry-After': 'Seconds to wait' } },
    },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/endorsements',
    operationId: 'listEndorsements',
    summary: 'Verified co-signing societies: founders in seed order, then by verification time',
    tags: ['Endorsements'],
    params: slugParams,
    responses: { 200: { description: 'The societies', schema: z.object({ total: z.number().int(), items: z.array(EndorsingSociety) }) }, 404: notFound },
  }),
];
