import { type Context, Hono } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { readJsonObject } from '../platform/http/json.ts';
import { submitOutcomeJson } from '../platform/http/outcome.ts';
import { defineOperation, ErrorBody, invalid, notFound, slugParams } from '../platform/openapi/operation.ts';
import { confirmSignature, withdrawSignature } from './signatures.actions.ts';
import { signatureBody } from './signatures.input.ts';
import { ConfirmedBody, PendingBody, tokenBody, WithdrawnBody } from './signatures.schemas.ts';
import { fieldMessages } from './signatures.messages.ts';
import { LogKeyMissing } from '../log/log.ts';
import { receiptForToken, submitSignature } from './signatures.handlers.ts';

export const signaturesApi = new Hono<AppEnv>();

export const signaturesOperations = [
  defineOperation({
    method: 'post',
    path: '/api/pledges/:slug/signatures',
    operationId: 'signPledge',
    summary: 'Sign a pledge (a confirmation mail follows)',
    description:
      'Always 202 {"status":"pending"} when accepted, also for an email that already signed, so no one can learn who signed. ' +
      'The signature counts once confirmed from the mail. Per-IP burst limit: 429 with Retry-After.',
    tags: ['Signatures'],
    params: slugParams,
    body: signatureBody,
    responses: {
      202: { description: 'Accepted; check your mail', schema: PendingBody },
      400: invalid,
      404: notFound,
      409: { description: 'The pledge is closed or not open yet', schema: ErrorBody },
      413: { description: 'Body too large', schema: ErrorBody },
      415: { description: 'Not JSON', schema: ErrorBody },
      429: { description: 'Too many submissions from this network', schema: ErrorBody, headers: { 'Retry-After': 'Seconds to wait' } },
    },
  }),
  defineOperation({
    method: 'post',
    path: '/api/signatures/confirm',
    operationId: 'confirmSignature',
    summary: 'Confirm a signature with the token from the confirmation mail',
    tags: ['Signatures'],
    body: tokenBody,
    responses: {
      200: { description: 'Confirmed (or already confirmed)', schema: ConfirmedBody },
      400: invalid,
      404: { description: 'Unknown or used token', schema: ErrorBody },
      410: { description: 'Expired token', schema: ErrorBody },
    },
  }),
  defineOperation({
    method: 'post',
    path: '/api/signatures/withdraw',
    operationId: 'withdrawSignature',
    summary: 'Withdraw a signature with the token from a mail; personal data is erased',
    tags: ['Signatures'],
    body: tokenBody,
    responses: { 200: { description: 'Withdrawn', schema: WithdrawnBody }, 400: invalid, 404: { description: 'Unknown or used token', schema: ErrorBody } },
  }),
];

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
  const parsed = tokenBody.safeParse(body.data);
  if (!parsed.success) {
    return { ok: false as const, response: apiError(c, 400, 'validation_failed', 'A token is required.', { token: 'required' }) };
  }
  return { ok: true as const, token: parsed.data.token };
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

// POST {"token"}: a confirmed signer's receipt; the confirm or the withdraw token
// authorises it. Private: never cached.
signaturesApi.post('/signatures/receipt', async (c) => {
  c.header('Cache-Control', 'no-store');
  const body = await readJsonObject(c);
  if (!body.ok) return body.response;
  const token = body.data.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
    return apiError(c, 400, 'validation_failed', 'A token is required.', { token: 'required' });
  }
  let outcome;
  try {
    outcome = await receiptForToken(c, token);
  } catch (err) {
    if (!(err instanceof LogKeyMissing)) throw err;
    c.header('Retry-After', '60');
    return apiError(c, 503, 'log_unavailable', 'Checkpoints cannot be signed right now; try again later.');
  }
  if (outcome === null) return apiError(c, 404, 'invalid_token', 'This link is not valid or has been used.');
  if (!outcome.ok) {
    c.header('Retry-After', '900');
    return apiError(c, 409, 'receipt_not_ready', 'There is no receipt for this signature yet; try again later.');
  }
  return c.json(outcome.receipt);
});

