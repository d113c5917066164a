import { type Context, Hono } from 'hono';
import { afterCountsChanged } from '../counts/publish.ts';
import type { AppEnv } from '../env.ts';
import { apiError } from '../http/errors.ts';
import { readJsonObject } from '../http/json.ts';
import { submitOutcomeJson } from '../http/outcome.ts';
import { confirmSignature, withdrawSignature } from './sign.ts';
import { fieldMessages } from './sign.messages.ts';
import { submitSignature } from './sign.request.ts';

export const signaturesApi = new Hono<AppEnv>();

// POST /api/pledges/:slug/signatures -> 202 {"status":"pending"}, the same for a duplicate.
signaturesApi.post('/pledges/:slug/signatures', async (c) => {
  const body = await readJsonObject(c);
  if (!body.ok) return body.response;
  const lang = c.get('lang');
  const outcome = await submitSignature(c, c.req.param('slug'), body.data, lang);
  return submitOutcomeJson(c, outcome, (codes) => fieldMessages(lang, codes));
});

async function tokenFrom(c: Context<AppEnv>) {
  const body = await readJsonObject(c);
  if (!body.ok) return body;
  const token = body.data.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
    return { ok: false as const, response: apiError(c, 400, 'validation_failed', 'A token is required.', { token: 'required' }) };
  }
  return { ok: true as const, token };
}

signaturesApi.post('/signatures/confirm', async (c) => {
  const t = await tokenFrom(c);
  if (!t.ok) return t.response;
  const result = await confirmSignature(c.env.DB, t.token, Date.now());
  if (!result.ok) {
    return result.status === 'expired'
      ? apiError(c, 410, 'expired_token', 'This confirmation link has expired; sign again to get a new one.')
      : apiError(c, 404, 'invalid_token', 'This link is not valid or has been used.');
  }
  if (result.changed) afterCountsChanged(c, result.pledgeId);
  return c.json({ status: 'confirmed', alreadyConfirmed: result.status === 'alreadyConfirmed', withdrawToken: result.withdrawToken });
});

signaturesApi.post('/signatures/withdraw', async (c) => {
  const t = await tokenFrom(c);
  if (!t.ok) return t.response;
  const result = await withdrawSignature(c.env.DB, t.token, Date.now());
  if (result.status === 'invalid') return apiError(c, 404, 'invalid_token', 'This link is not valid or has been used.');
  afterCountsChanged(c, result.pledgeId);
  return c.json({ status: 'withdrawn' });
});
