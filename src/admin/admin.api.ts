import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { getEndorsement } from '../endorsements/endorsements.queries.ts';
import { INVALIDATION_CATEGORIES, type InvalidationCategory } from '../log/entry.ts';
import { apiError } from '../platform/http/errors.ts';
import { readJsonObject } from '../platform/http/json.ts';
import { adminSecurity, createRoute, error, file, invalid, json, jsonBody, openapi } from '../platform/openapi/operation.ts';
import { jsonObject, validationFailed, validationHook } from '../platform/openapi/validation.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { listDomainRules } from '../signatures/verification.queries.ts';
import * as act from './admin.actions.ts';
import { auditQuery, endorsementsQuery, idParams, pledgeQuery, pledgeSlugParams, rejectBody, signaturesQuery, trendingQuery } from './admin.input.ts';
import { BulkDone, BulkPreview, Items, Row } from './admin.schemas.ts';
import { listAudit } from './audit.ts';
import { type AdminEnv, type AuthOptions, requireAdminToken } from './auth.ts';
import { bulkRejectFilter, queuePage } from './endorsement-queue.handlers.ts';
import { bulkRejectBody, queueQuery } from './endorsement-queue.input.ts';
import { previewReject } from './endorsement-queue.queries.ts';
import { endorsementItem } from './endorsement-queue.ts';
import { csvResponseHeaders, endorsementsCsv, signaturesCsv } from './export.ts';
import { deleteInstitutionRule, putInstitutionRule } from './institutions.actions.ts';
import { domainParams, domainRuleBody } from './institutions.input.ts';
import { getSignature, previewBulk, searchSignatures } from './moderation.queries.ts';
import { bulkFilterBody, parseBulkFilter } from './moderation.ts';
import { pledgeDetail } from './pledge-editor.detail.ts';
import { parsePledge, pledgeBody, pledgeFieldCodes } from './pledge-editor.input.ts';
import { listAllPledges } from './pledge-editor.ts';
import { registerPledgeUpdateRoutes } from './pledge-updates.api.ts';
import { trendingNow } from './trending.ts';

// The organisers' JSON API under /api/admin: Authorization: Bearer <ADMIN_TOKEN>.
// The same actions as the HTML console (src/admin/admin.actions.ts), audited alike.

type C = Context<AdminEnv>;

const invalidFields = (c: C, codes: Record<string, string>) => validationFailed(c, 'json', codes);
const missing = error('No such item');
const wrongState = error('Not in a state this action applies to');

// Every admin route: the bearer token, 401 without it.
const declare = <const R extends Parameters<typeof createRoute>[0]>(route: R) =>
  createRoute({ ...route, tags: ['Admin'], security: adminSecurity, responses: { ...route.responses, 401: error('Missing or wrong admin token') } });

// An endorsement as organisers see it (contact data included: this API is private).
export { endorsementItem };

async function pledgeFilter(c: C, slug: string | undefined): Promise<number | null | Response> {
  const id = await act.pledgeIdFor(c, slug);
  return id === 'unknown' ? apiError(c, 404, 'not_found', 'No such pledge.') : id;
}

// Bulk invalidation's filter, plus the public reason its log entries carry.
const bulkInvalidateBody = bulkFilterBody.extend({ category: z.enum(INVALIDATION_CATEGORIES).optional() });

export function adminApi(opts: AuthOptions = {}) {
  const api = new OpenAPIHono<AdminEnv>();
  api.use('*', requireAdminToken(opts));

  // ?state=pending (awaiting the organiser) | unconfirmed | verified | rejected, with
  // limit, cursor, q and sort: {"state","items","next","total"}.
  const queue = declare({
    method: 'get',
    path: '/endorsements',
    operationId: 'adminListEndorsements',
    summary: 'The endorsement queue: keyset pages with the true total, search, sort, and signals per submission',
    request: { query: queueQuery },
    responses: { 200: json(Items, '{"state","items","next","total"}: items each with an id and "signals"; "next" is an opaque cursor or null'), 400: invalid, 404: missing },
  });
  openapi(api, queue, async (c) => {
    const page = await queuePage(c, c.req.valid('query'));
    return page === 'unknown' ? apiError(c, 404, 'not_found', 'No such pledge.') : c.json(page);
  });

  // Bulk rejection: preview ({"matching","sample"}), then run with "reason" and
  // "expected": the previewed count (refused with 409 and a fresh preview if it moved).
  const rejectPreview = declare({
    method: 'post',
    path: '/endorsements/bulk-reject/preview',
    operationId: 'previewBulkRejectEndorsements',
    summary: 'How many submissions a bulk rejection would reject, with sample rows',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(bulkRejectBody) },
    responses: { 200: json(Row, '{"matching","sample"}'), 400: invalid, 404: missing },
  });
  openapi(api, rejectPreview, async (c) => {
    const filter = await bulkRejectFilter(c, c.req.valid('json'));
    if (filter === 'unknown') return apiError(c, 404, 'not_found', 'No such pledge.');
    const preview = await previewReject(c.env.DB, filter);
    return c.json({ matching: preview.matching, sample: preview.sample.map(endorsementItem) });
  });

  const bulkReject = declare({
    method: 'post',
    path: '/endorsements/bulk-reject',
    operationId: 'bulkRejectEndorsements',
    summary: 'Reject every submission matching a filter (needs "reason" and "expected", the previewed count); no mail is sent',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(bulkRejectBody) },
    responses: { 200: json(Row, '{"rejected","ids"}'), 400: invalid, 404: missing, 409: error('The matching rows changed since the preview') },
  });
  openapi(api, bulkReject, async (c) => {
    const body = c.req.valid('json');
    const reason = body.reason?.trim();
    if (!reason || body.expected === undefined)
      return invalidFields(c, { ...(reason ? {} : { reason: 'required' }), ...(body.expected === undefined ? { expected: 'required' } : {}) });
    const filter = await bulkRejectFilter(c, body);
    if (filter === 'unknown') return apiError(c, 404, 'not_found', 'No such pledge.');
    const result = await act.bulkRejectAction(c, filter, reason, body.expected);
    if (!result.ok) {
      const preview = { matching: result.preview.matching, sample: result.preview.sample.map(endorsementItem) };
      return c.json({ error: { code: 'preview_changed', message: 'The matching rows changed since the preview; check again.' }, preview }, 409);
    }
    return c.json({ rejected: result.rejected, ids: result.ids });
  });

  const endorsement = declare({
    method: 'get',
    path: '/endorsements/{id}',
    operationId: 'adminGetEndorsement',
    summary: 'One endorsement with its contact data',
    request: { params: idParams },
    responses: { 200: json(Row, 'The endorsement'), 400: invalid, 404: missing },
  });
  openapi(api, endorsement, async (c) => {
    const e = await getEndorsement(c.env.DB, c.req.valid('param').id);
    return e ? c.json(endorsementItem(e)) : apiError(c, 404, 'not_found', 'No such endorsement.');
  });

  const review = (result: Awaited<ReturnType<typeof act.verifyAction>>, c: C) =>
    result.ok
      ? c.json({ status: result.endorsement.state, item: endorsementItem(result.endorsement) })
      : result.status === 'notFound'
        ? apiError(c, 404, 'not_found', 'No such endorsement.')
        : apiError(c, 409, 'wrong_state', 'This endorsement is not in a state that allows this action.');

  const verify = declare({
    method: 'post',
    path: '/endorsements/{id}/verify',
    operationId: 'verifyEndorsement',
    summary: 'Verify an email-confirmed endorsement: it is listed and counted; the contact is told',
    request: { params: idParams },
    responses: { 200: json(Row, 'Verified'), 400: invalid, 404: missing, 409: error('Not awaiting verification') },
  });
  openapi(api, verify, async (c) => review(await act.verifyAction(c, c.req.valid('param').id), c));

  const reject = declare({
    method: 'post',
    path: '/endorsements/{id}/reject',
    operationId: 'rejectEndorsement',
    summary: 'Reject an endorsement with a reason; the contact is told',
    middleware: [jsonObject()] as const,
    request: { params: idParams, body: jsonBody(rejectBody) },
    responses: { 200: json(Row, 'Rejected'), 400: invalid, 404: missing, 409: error('Already rejected') },
  });
  openapi(api, reject, async (c) => review(await act.rejectAction(c, c.req.valid('param').id, c.req.valid('json').reason), c));

  const search = declare({
    method: 'get',
    path: '/signatures',
    operationId: 'searchSignatures',
    summary: 'Search signatures by name, affiliation or email, state and verification level',
    request: { query: signaturesQuery },
    responses: { 200: json(Items, 'Matching signatures'), 400: invalid, 404: missing },
  });
  openapi(api, search, async (c) => {
    const { q = null, state = null, pledge, limit = 50, offset = 0, verification = null } = c.req.valid('query');
    const pledgeId = await pledgeFilter(c, pledge);
    if (pledgeId instanceof Response) return pledgeId;
    const items = await searchSignatures(c.env.DB, { q, state, pledgeId, limit, offset, verification });
    return c.json({ items, limit, offset });
  });

  const summaries = {
    hide: 'Hide a signer from the public list',
    unhide: 'Show a hidden signer again',
    invalidate: 'Invalidate a signature (it stops counting)',
    release: 'Release a held signature',
  };
  for (const action of ['hide', 'unhide', 'invalidate', 'release'] as const) {
    const route = declare({
      method: 'post',
      path: `/signatures/{id}/${action}`,
      operationId: `${action}Signature`,
      summary: summaries[action],
      request: { params: idParams },
      responses: { 200: json(Row, 'Done'), 400: invalid, 404: missing, 409: wrongState },
    });
    openapi(api, route, async (c) => {
      const { id } = c.req.valid('param');
      // invalidate takes an optional JSON body {"category"}: the public reason in the log.
      const category = action === 'invalidate' ? await invalidationCategory(c) : undefined;
      if (category instanceof Response) return category;
      if (!(await act.signatureAction(c, id, action, category))) {
        return (await getSignature(c.env.DB, id))
          ? apiError(c, 409, 'wrong_state', 'This signature is not in a state that allows this action.')
          : apiError(c, 404, 'not_found', 'No such signature.');
      }
      return c.json({ status: 'ok', item: await getSignature(c.env.DB, id) });
    });
  }

  // Bulk invalidation: preview first ({"matching","confirmed",...}), then run with
  // "expected": the previewed count (refused with 409 and a fresh preview if it moved).
  async function invalidationCategory(c: C): Promise<InvalidationCategory | undefined | Response> {
    if (!c.req.header('content-type')?.includes('json')) return undefined;
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    return categoryOf(c, body.data.category);
  }

  function categoryOf(c: C, value: unknown): InvalidationCategory | undefined | Response {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (INVALIDATION_CATEGORIES as readonly string[]).includes(value)) return value as InvalidationCategory;
    return apiError(c, 400, 'validation_failed', `category must be one of ${INVALIDATION_CATEGORIES.join(', ')}.`, { category: 'invalid' });
  }

  async function bulkFilter(c: C) {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const category = categoryOf(c, body.data.category);
    if (category instanceof Response) return category;
    const { category: _c, ...filterBody } = body.data;
    const parsed = parseBulkFilter(filterBody);
    if (!parsed.ok) return invalidFields(c, parsed.codes);
    const pledgeId = await act.pledgeIdFor(c, parsed.value.pledge);
    if (pledgeId === 'unknown') return apiError(c, 404, 'not_found', 'No such pledge.');
    const { pledge: _p, expected, ...rest } = parsed.value;
    return { filter: { ...rest, pledgeId }, expected, category };
  }

  const preview = declare({
    method: 'post',
    path: '/signatures/bulk-invalidate/preview',
    operationId: 'previewBulkInvalidation',
    summary: 'How many signatures a bulk invalidation would change, by state',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(bulkInvalidateBody) },
    responses: { 200: json(BulkPreview, 'The preview'), 400: invalid, 404: missing },
  });
  openapi(api, preview, async (c) => {
    const f = await bulkFilter(c);
    if (f instanceof Response) return f;
    return c.json(await previewBulk(c.env.DB, f.filter));
  });

  const bulk = declare({
    method: 'post',
    path: '/signatures/bulk-invalidate',
    operationId: 'bulkInvalidate',
    summary: 'Invalidate every signature matching a filter (state change only, never deletion)',
    description: 'Send "expected" (the previewed count): if the matching rows changed since, nothing happens and the answer is 409 with the fresh preview.',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(bulkInvalidateBody) },
    responses: { 200: json(BulkDone, 'Invalidated'), 400: invalid, 404: missing, 409: json(Row, 'The preview is stale') },
  });
  openapi(api, bulk, async (c) => {
    const f = await bulkFilter(c);
    if (f instanceof Response) return f;
    const result = await act.bulkInvalidateAction(c, f.filter, f.expected, f.category);
    if (!result.ok) return c.json({ error: { code: 'preview_changed', message: 'The matching rows changed since the preview; check again.' }, preview: result.preview }, 409);
    return c.json({ invalidated: result.invalidated, ids: result.ids });
  });

  const trending = declare({
    method: 'get',
    path: '/trending',
    operationId: 'trending',
    summary: 'IP hashes and email domains with many signatures in the last hour',
    request: { query: trendingQuery },
    responses: { 200: json(Row, 'Trending keys'), 400: invalid },
  });
  openapi(api, trending, async (c) => c.json(await trendingNow(c.env, c.req.valid('query').min)));

  for (const what of ['signatures', 'endorsements'] as const) {
    const route = declare({
      method: 'get',
      path: `/export/${what}.csv`,
      operationId: what === 'signatures' ? 'exportSignatures' : 'exportEndorsements',
      summary: `CSV of ${what} (formula cells neutralised)`,
      request: { query: pledgeQuery },
      responses: { 200: file('text/csv', 'CSV'), 400: invalid, 404: missing },
    });
    openapi(api, route, async (c) => {
      const { pledge } = c.req.valid('query');
      const pledgeId = await pledgeFilter(c, pledge);
      if (pledgeId instanceof Response) return pledgeId;
      const { csv, rows } = what === 'signatures' ? await signaturesCsv(c.env.DB, pledgeId) : await endorsementsCsv(c.env.DB, pledgeId);
      await act.recordAdminAction(c, `export.${what}`, pledge ?? null, { rows });
      return c.body(csv, 200, csvResponseHeaders(what));
    });
  }

  const pledges = declare({
    method: 'get',
    path: '/pledges',
    operationId: 'adminListPledges',
    summary: 'Every pledge, drafts included',
    responses: { 200: json(Items, 'Pledges') },
  });
  openapi(api, pledges, async (c) => c.json({ items: await listAllPledges(c.env.DB) }));

  // Pledge bodies: the schema validates; parsePledge adds the rules of create and edit.
  const pledgeHook = validationHook<AdminEnv>({ codes: pledgeFieldCodes });

  const create = declare({
    method: 'post',
    path: '/pledges',
    operationId: 'createPledge',
    summary: 'Create a pledge with its texts',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(pledgeBody) },
    responses: { 201: json(Row, 'Created'), 400: invalid },
  });
  openapi(
    api,
    create,
    async (c) => {
      const parsed = parsePledge(c.req.valid('json'), 'create');
      if (!parsed.ok) return invalidFields(c, parsed.codes);
      const result = await act.createPledgeAction(c, parsed.value);
      return result.ok ? c.json(await pledgeDetail(c.env.DB, result.slug), 201) : invalidFields(c, result.codes);
    },
    pledgeHook,
  );

  const get = declare({
    method: 'get',
    path: '/pledges/{slug}',
    operationId: 'adminGetPledge',
    summary: 'A pledge with all its text versions',
    request: { params: pledgeSlugParams },
    responses: { 200: json(Row, 'The pledge'), 404: missing },
  });
  openapi(api, get, async (c) => {
    const detail = await pledgeDetail(c.env.DB, c.req.valid('param').slug);
    return detail ? c.json(detail) : apiError(c, 404, 'not_found', 'No such pledge.');
  });

  for (const method of ['patch', 'put'] as const) {
    const route = declare({
      method,
      path: '/pledges/{slug}',
      operationId: `${method}Pledge`,
      summary: 'Edit a pledge; a changed text becomes a new version, earlier signatures keep theirs',
      middleware: [jsonObject()] as const,
      request: { params: pledgeSlugParams, body: jsonBody(pledgeBody) },
      responses: { 200: json(Row, 'Saved'), 400: invalid, 404: missing },
    });
    openapi(
      api,
      route,
      async (c) => {
        const pledge = await getPledgeBySlug(c.var.db, c.req.valid('param').slug);
        if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
        const parsed = parsePledge(c.req.valid('json'), 'edit');
        if (!parsed.ok) return invalidFields(c, parsed.codes);
        const result = await act.updatePledgeAction(c, pledge, parsed.value);
        return result.ok ? c.json({ ...(await pledgeDetail(c.env.DB, result.slug)), newVersions: result.newVersions }) : invalidFields(c, result.codes);
      },
      // An unknown pledge answers 404 before its body is judged.
      validationHook<AdminEnv>({
        codes: pledgeFieldCodes,
        before: async (c) => ((await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '')) ? undefined : apiError(c, 404, 'not_found', 'No such pledge.')),
      }),
    );
  }

  // Issue 16: the organisers' rules over the academic and research domain list.
  const RuleChange = z.object({ domain: z.string(), changed: z.number().int().describe('Signatures whose verification level changed') });
  const rules = declare({
    method: 'get',
    path: '/institution-domains',
    operationId: 'listInstitutionDomains',
    summary: "The organisers' rules over the academic and research domain list",
    responses: { 200: json(Items, 'Rules: {domain, listed, note, actor, createdAt}') },
  });
  openapi(api, rules, async (c) => c.json({ items: await listDomainRules(c.var.db) }));

  const putRule = declare({
    method: 'put',
    path: '/institution-domains',
    operationId: 'putInstitutionDomain',
    summary: 'Add a domain to (listed true) or remove it from (false) the institution list; levels of existing signatures follow',
    middleware: [jsonObject()] as const,
    request: { body: jsonBody(domainRuleBody) },
    responses: { 200: json(RuleChange, 'Saved'), 400: invalid },
  });
  openapi(api, putRule, async (c) => {
    const b = c.req.valid('json');
    return c.json(await putInstitutionRule(c, { domain: b.domain, listed: b.listed, note: b.note ?? null }));
  });

  const deleteRule = declare({
    method: 'delete',
    path: '/institution-domains/{domain}',
    operationId: 'deleteInstitutionDomain',
    summary: "Delete an organiser's rule: the built-in list decides again",
    request: { params: domainParams },
    responses: { 200: json(RuleChange, 'Deleted'), 400: invalid, 404: missing },
  });
  openapi(api, deleteRule, async (c) => {
    const done = await deleteInstitutionRule(c, c.req.valid('param').domain);
    return done ? c.json(done) : apiError(c, 404, 'not_found', 'No rule for this domain.');
  });

  const audit = declare({
    method: 'get',
    path: '/audit',
    operationId: 'auditLog',
    summary: 'The audit log of organiser actions, newest first',
    request: { query: auditQuery },
    responses: { 200: json(Items, 'Entries'), 400: invalid },
  });
  openapi(api, audit, async (c) => {
    const { limit = 100, before = null } = c.req.valid('query');
    return c.json({ items: await listAudit(c.env.DB, limit, before) });
  });

  registerPledgeUpdateRoutes(api);

  api.notFound((c) => apiError(c, 404, 'not_found', 'No such resource.'));
  return api;
}
