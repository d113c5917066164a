import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import { LogKeyMissing } from '../log/log.ts';
import type { AppEnv } from '../platform/env.ts';
import { apiError } from '../platform/http/errors.ts';
import { keepAliveOf } from '../platform/http/keep-alive.ts';
import { submitOutcomeJson } from '../platform/http/outcome.ts';
import { createRoute, error, invalid, json, jsonBody, notFound, openapi, slugParams, tokenBody } from '../platform/openapi/operation.ts';
import { jsonObject, validationHook } from '../platform/openapi/validation.ts';
import { admitSubmission } from '../pledges/submission.ts';
import { confirmSignature, withdrawSignature } from './signatures.actions.ts';
import { receiptForToken, submitSignature } from './signatures.handlers.ts';
import { signatureBody } from './signatures.input.ts';
import { fieldMessages } from './signatures.messages.ts';
import { ConfirmedBody, PendingBody, ReceiptBody, WithdrawnBody } from './signatures.schemas.ts';

export const signaturesApi = new OpenAPIHono<AppEnv>();

const messages = (c: Context<AppEnv>, codes: Record<string, string>) => fieldMessages(c.get('lang'), codes);
const invalidToken = error('Unknown or used token');

const sign = createRoute({
  method: 'post',
  path: '/pledges/{slug}/signatures',
  operationId: 'signPledge',
  summary: 'Sign a pledge (a confirmation mail follows)',
  description:
    'Always 202 {"status":"pending"} when accepted, also for an email that already signed, so no one can learn who signed. ' +
    'The signature counts once confirmed from the mail. Per-IP burst limit: 429 with Retry-After.',
  tags: ['Signatures'],
  middleware: [jsonObject()] as const,
  request: { params: slugParams, body: jsonBody(signatureBody) },
  responses: {
    202: json(PendingBody, 'Accepted; check your mail'),
    400: invalid,
    404: notFound,
    409: error('The pledge is closed or not open yet'),
    413: error('Body too large'),
    415: error('Not JSON'),
    429: error('Too many submissions from this network', { 'Retry-After': 'Seconds to wait' }),
  },
});

// 202 {"status":"pending"}, the same for a duplicate. Invalid fields are answered after
// the pledge and burst checks, as the form does, in the visitor's language.
openapi(
  signaturesApi,
  sign,
  async (c) => submitOutcomeJson(c, await submitSignature(c, c.req.valid('param').slug, c.req.valid('json'), c.get('lang'), { validated: true }), (codes) => messages(c, codes)),
  validationHook<AppEnv>({
    before: async (c) => {
      const admitted = await admitSubmission(c, c.req.param('slug') ?? '');
      return admitted.ok ? undefined : submitOutcomeJson(c, admitted.refusal, (codes) => messages(c, codes));
    },
    messages,
  }),
);

const confirm = createRoute({
  method: 'post',
  path: '/signatures/confirm',
  operationId: 'confirmSignature',
  summary: 'Confirm a signature with the token from the confirmation mail',
  tags: ['Signatures'],
  middleware: [jsonObject()] as const,
  request: { body: jsonBody(tokenBody) },
  responses: { 200: json(ConfirmedBody, 'Confirmed (or already confirmed)'), 400: invalid, 404: invalidToken, 410: error('Expired token') },
});

openapi(signaturesApi, confirm, async (c) => {
  const result = await confirmSignature(c.env.DB, c.req.valid('json').token, Date.now(), { keepAlive: keepAliveOf(c) });
  if (!result.ok) {
    return result.status === 'expired'
      ? apiError(c, 410, 'expired_token', 'This confirmation link has expired; sign again to get a new one.')
      : apiError(c, 404, 'invalid_token', 'This link is not valid or has been used.');
  }
  if (result.changed) afterCountsChanged(c, result.pledgeId);
  return c.json({ status: 'confirmed', alreadyConfirmed: result.status === 'alreadyConfirmed', withdrawToken: result.withdrawToken });
});

const withdraw = createRoute({
  method: 'post',
  path: '/signatures/withdraw',
  operationId: 'withdrawSignature',
  summary: 'Withdraw a signature with the token from a mail; personal data is erased',
  tags: ['Signatures'],
  middleware: [jsonObject()] as const,
  request: { body: jsonBody(tokenBody) },
  responses: { 200: json(WithdrawnBody, 'Withdrawn'), 400: invalid, 404: invalidToken },
});

openapi(signaturesApi, withdraw, async (c) => {
  const result = await withdrawSignature(c.env.DB, c.req.valid('json').token, Date.now());
  if (result.status === 'invalid') return apiError(c, 404, 'invalid_token', 'This link is not valid or has been used.');
  afterCountsChanged(c, result.pledgeId);
  return c.json({ status: 'withdrawn' });
});

const logUnavailable = error('Checkpoints cannot be signed (no signing key)', { 'Retry-After': 'Seconds to wait' });

const receipt = createRoute({
  method: 'post',
  path: '/signatures/receipt',
  operationId: 'getSignatureReceipt',
  summary: "A confirmed signer's receipt: their log entry, its secret, an inclusion proof and a signed checkpoint",
  description:
    'Authorised by the confirm, the withdraw or the manage token (the link to /manage/:token in every signer mail). Check it with `npm run verify -- receipt.json --server <site>` or at /p/:slug/verify.',
  tags: ['Public log'],
  middleware: [jsonObject()] as const,
  request: { body: jsonBody(tokenBody) },
  responses: {
    200: json(ReceiptBody, 'The receipt (pledge-log-receipt/v1)'),
    400: invalid,
    404: invalidToken,
    409: error('Not counted (yet): no receipt'),
    503: logUnavailable,
  },
});

// Private: never cached.
openapi(signaturesApi, receipt, async (c) => {
  c.header('Cache-Control', 'no-store');
  let outcome;
  try {
    outcome = await receiptForToken(c, c.req.valid('json').token);
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
