import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { submitOutcomeJson } from '../platform/http/outcome.ts';
import { createRoute, error, invalid, json, jsonBody, notFound, openapi, slugParams } from '../platform/openapi/operation.ts';
import { jsonObject, validationHook } from '../platform/openapi/validation.ts';
import { getPledgeBySlug, listEndorsingSocieties } from '../pledges/pledges.queries.ts';
import { admitSubmission } from '../pledges/submission.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { submitEndorsementRequest } from './endorsements.handlers.ts';
import { endorsementBody } from './endorsements.input.ts';
import { endorseFieldMessages } from './endorsements.messages.ts';
import { EndorsementPending, EndorsingSocieties } from './endorsements.schemas.ts';

export const endorsementsApi = new OpenAPIHono<AppEnv>();

const messages = (c: Context<AppEnv>, codes: Record<string, string>) => endorseFieldMessages(c.get('lang'), codes, signWords(c.get('lang')).genericError);

const submit = createRoute({
  method: 'post',
  path: '/pledges/{slug}/endorsements',
  operationId: 'endorsePledge',
  summary: 'A society co-signs a pledge (its contact confirms by mail, then an organiser verifies)',
  tags: ['Endorsements'],
  middleware: [jsonObject()] as const,
  request: { params: slugParams, body: jsonBody(endorsementBody) },
  responses: {
    202: json(EndorsementPending, 'Accepted; the contact gets a confirmation mail'),
    400: invalid,
    404: notFound,
    409: error('The pledge is closed or not open yet'),
    429: error('Too many submissions from this network', { 'Retry-After': 'Seconds to wait' }),
  },
});

// 202 {"status":"pending"}; the contact confirms by email. Invalid fields are answered
// after the pledge and burst checks, as the form does, in the visitor's language.
openapi(
  endorsementsApi,
  submit,
  async (c) => submitOutcomeJson(c, await submitEndorsementRequest(c, c.req.valid('param').slug, c.req.valid('json'), c.get('lang')), (codes) => messages(c, codes)),
  validationHook<AppEnv>({
    before: async (c) => {
      const admitted = await admitSubmission(c, c.req.param('slug') ?? '');
      return admitted.ok ? undefined : submitOutcomeJson(c, admitted.refusal, (codes) => messages(c, codes));
    },
    messages,
  }),
);

const list = createRoute({
  method: 'get',
  path: '/pledges/{slug}/endorsements',
  operationId: 'listEndorsements',
  summary: 'Verified co-signing societies: founders in seed order, then by verification time',
  tags: ['Endorsements'],
  request: { params: slugParams },
  responses: { 200: json(EndorsingSocieties, 'The societies'), 404: notFound },
});

// Verified societies only. Never any contact data.
openapi(endorsementsApi, list, async (c) => {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, c.req.valid('param').slug);
  if (!pledge || pledge.status === 'draft') return apiError(c, 404, 'not_found', 'No such pledge.');
  const societies = await listEndorsingSocieties(d, pledge.id);
  c.header('Cache-Control', 'public, max-age=15, stale-while-revalidate=60');
  return c.json({
    total: societies.length,
    items: societies.map((s) => ({
      id: s.id,
      name: { 'zh-Hans': s.nameHans, 'zh-Hant': s.nameHant, en: s.nameEn },
      website: s.website,
      category: s.category,
      founding: s.founding,
      verifiedAt: s.verifiedAt,
    })),
  });
});
