import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { apiError } from '../platform/http/errors.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { adminSecurity, createRoute, error, invalid, json, jsonBody, openapi } from '../platform/openapi/operation.ts';
import { jsonObject, validationFailed, validationHook } from '../platform/openapi/validation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { milestonesBody, parseMilestones, parseUpdate, updateBody } from '../updates/updates.input.ts';
import { UpdateBody } from '../updates/updates.schemas.ts';
import { pledgeSlugParams } from './admin.input.ts';
import { Row } from './admin.schemas.ts';
import type { AdminEnv } from './auth.ts';
import { publishUpdateAction, saveMilestonesAction } from './pledge-updates.actions.ts';

// POST /api/admin/pledges/:slug/updates and PUT /api/admin/pledges/:slug/milestones
// (issue 15), mounted by adminApi (admin.api.ts) behind its bearer token.
type C = Context<AdminEnv>;

const missing = error('No such pledge');
const unknownPledgeFirst = validationHook<AdminEnv>({
  before: async (c) => ((await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '')) ? undefined : apiError(c, 404, 'not_found', 'No such pledge.')),
});

export function registerPledgeUpdateRoutes(api: OpenAPIHono<AdminEnv>): void {
  const publish = createRoute({
    method: 'post',
    path: '/pledges/{slug}/updates',
    operationId: 'publishPledgeUpdate',
    summary: 'Publish an update on the pledge page; with "notify", mail it to confirmed signers who opted in',
    description:
      '`title` and `body` are each a string (in the pledge\'s own language) or an object with one to three of "zh-Hans", "zh-Hant", "en", the same languages in both. ' +
      'Plain text: blank lines separate paragraphs, http(s) addresses become links, everything is escaped. ' +
      'With `"notify": true` each opted-in confirmed signer gets a mail with List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 one-click) headers, in batches through the mail queue.',
    tags: ['Admin'],
    security: adminSecurity,
    middleware: [jsonObject()] as const,
    request: { params: pledgeSlugParams, body: jsonBody(updateBody) },
    responses: { 201: json(UpdateBody, 'Published'), 400: invalid, 401: error('Missing or wrong admin token'), 404: missing },
  });
  openapi(
    api,
    publish,
    async (c: C) => {
      const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '');
      if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
      const parsed = parseUpdate(await c.req.json(), isLang(pledge.defaultLang) ? pledge.defaultLang : 'zh-Hans');
      if (!parsed.ok) return validationFailed(c, 'json', parsed.codes);
      return c.json(await publishUpdateAction(c, pledge, parsed.value), 201);
    },
    unknownPledgeFirst,
  );

  const milestones = createRoute({
    method: 'put',
    path: '/pledges/{slug}/milestones',
    operationId: 'setPledgeMilestones',
    summary: "Set the counts at which a milestone update appears (besides the pledge's goal), and whether milestones are mailed",
    description: 'Each threshold fires once per pledge, even when the count then drops and rises again. A threshold the count already passed fires now.',
    tags: ['Admin'],
    security: adminSecurity,
    middleware: [jsonObject()] as const,
    request: { params: pledgeSlugParams, body: jsonBody(milestonesBody) },
    responses: { 200: json(Row, '{"thresholds","notify"}'), 400: invalid, 401: error('Missing or wrong admin token'), 404: missing },
  });
  openapi(
    api,
    milestones,
    async (c: C) => {
      const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '');
      if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
      const parsed = parseMilestones(await c.req.json());
      if (!parsed.ok) return validationFailed(c, 'json', parsed.codes);
      await saveMilestonesAction(c, pledge, parsed.value);
      return c.json(parsed.value);
    },
    unknownPledgeFirst,
  );
}
