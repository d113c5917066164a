import { Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { readJsonObject } from '../platform/http/json.ts';
import { submitOutcomeJson } from '../platform/http/outcome.ts';
import { getPledgeBySlug, listEndorsingSocieties } from '../pledges/pledges.queries.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { endorseFieldMessages } from './endorsements.messages.ts';
import { submitEndorsementRequest } from './endorsements.handlers.ts';

export const endorsementsApi = new Hono<AppEnv>();

// POST /api/pledges/:slug/endorsements -> 202 {"status":"pending"}; the contact confirms by email.
endorsementsApi.post('/pledges/:slug/endorsements', async (c) => {
  const body = await readJsonObject(c);
  if (!body.ok) return body.response;
  const lang = c.get('lang');
  const outcome = await submitEndorsementRequest(c, c.req.param('slug'), body.data, lang);
  return submitOutcomeJson(c, outcome, (codes) => endorseFieldMessages(lang, codes, signWords(lang).genericError));
});

// GET /api/pledges/:slug/endorsements: verified societies only, founders first in seed
// order, then by verification time. Never any contact data.
endorsementsApi.get('/pledges/:slug/endorsements', async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
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
