import { type Context, Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import { emailMatchesWebsite, isQueueState, QUEUE_STATES } from '../endorsements/endorsements.ts';
import { type EndorsementDetail, getEndorsement, listByState } from '../endorsements/endorsements.queries.ts';
import { apiError } from '../platform/http/errors.ts';
import { readJsonObject } from '../platform/http/json.ts';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import * as act from './admin.actions.ts';
import { listAudit } from './audit.ts';
import { type AdminEnv, type AuthOptions, requireAdminToken } from './auth.ts';
import { csvResponseHeaders, endorsementsCsv, signaturesCsv } from './export.ts';
import { parseBulkFilter, SEARCH_STATES } from './moderation.ts';
import { INVALIDATION_CATEGORIES, type InvalidationCategory } from '../log/entry.ts';
import { getSignature, previewBulk, searchSignatures } from './moderation.queries.ts';
import { pledgeDetail } from './pledge-editor.detail.ts';
import { listAllPledges } from './pledge-editor.ts';
import { parsePledge } from './pledge-editor.input.ts';
import { trendingNow } from './trending.ts';

// The organisers' JSON API under /api/admin: Authorization: Bearer <ADMIN_TOKEN>.
// The same actions as the HTML console (src/admin/admin.actions.ts), audited alike.

type C = Context<AdminEnv>;

const idParam = (c: C) => {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

const invalid = (c: C, codes: Record<string, string>) => apiError(c, 400, 'validation_failed', 'Some fields are not valid.', codes);

// An endorsement as organisers see it (contact data included: this API is private).
export function endorsementItem(e: EndorsementDetail) {
  const emailDomain = e.contactEmail?.split('@')[1] ?? '';
  return { ...e, founding: !!e.founding, emailMatchesWebsite: emailMatchesWebsite(emailDomain, e.websiteHost) };
}

async function pledgeFilter(c: C): Promise<number | null | Response> {
  const id = await act.pledgeIdFor(c, c.req.query('pledge'));
  return id === 'unknown' ? apiError(c, 404, 'not_found', 'No such pledge.') : id;
}

export function adminApi(opts: AuthOptions = {}) {
  const api = new Hono<AdminEnv>();
  api.use('*', requireAdminToken(opts));

  // ?state=pending (awaiting the organiser) | unconfirmed | verified | rejected
  api.get('/endorsements', async (c) => {
    const state = c.req.query('state') ?? 'pending';
    if (!isQueueState(state)) return invalid(c, { state: 'invalid' });
    const pledgeId = await pledgeFilter(c);
    if (pledgeId instanceof Response) return pledgeId;
    const items = await listByState(c.env.DB, QUEUE_STATES[state], pledgeId);
    return c.json({ state, items: items.map(endorsementItem) });
  });

  api.get('/endorsements/:id', async (c) => {
    const e = await getEndorsement(c.env.DB, idParam(c) ?? 0);
    return e ? c.json(endorsementItem(e)) : apiError(c, 404, 'not_found', 'No such endorsement.');
  });

  const review = (result: Awaited<ReturnType<typeof act.verifyAction>>, c: C) =>
    result.ok
      ? c.json({ status: result.endorsement.state, item: endorsementItem(result.endorsement) })
      : result.status === 'notFound'
        ? apiError(c, 404, 'not_found', 'No such endorsement.')
        : apiError(c, 409, 'wrong_state', 'This endorsement is not in a state that allows this action.');

  api.post('/endorsements/:id/verify', async (c) => review(await act.verifyAction(c, idParam(c) ?? 0), c));

  api.post('/endorsements/:id/reject', async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const reason = typeof body.data.reason === 'string' ? body.data.reason.trim() : '';
    if (!reason || reason.length > 1000) return invalid(c, { reason: reason ? 'tooLong' : 'required' });
    return review(await act.rejectAction(c, idParam(c) ?? 0, reason), c);
  });

  api.get('/signatures', async (c) => {
    const state = c.req.query('state') || null;
    if (state !== null && !(SEARCH_STATES as readonly string[]).includes(state)) return invalid(c, { state: 'invalid' });
    const pledgeId = await pledgeFilter(c);
    if (pledgeId instanceof Response) return pledgeId;
    const limit = Math.min(Math.max(Number(c.req.query('limit')) || 50, 1), 500);
    const offset = Math.max(Number(c.req.query('offset')) || 0, 0);
    const items = await searchSignatures(c.env.DB, { q: c.req.query('q')?.trim() || null, state, pledgeId, limit, offset });
    return c.json({ items, limit, offset });
  });

  for (const action of ['hide', 'unhide', 'invalidate', 'release'] as const) {
    api.post(`/signatures/:id/${action}`, async (c) => {
      const id = idParam(c) ?? 0;
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
    if (!parsed.ok) return invalid(c, parsed.codes);
    const pledgeId = await act.pledgeIdFor(c, parsed.value.pledge);
    if (pledgeId === 'unknown') return apiError(c, 404, 'not_found', 'No such pledge.');
    const { pledge: _p, expected, ...rest } = parsed.value;
    return { filter: { ...rest, pledgeId }, expected, category };
  }

  api.post('/signatures/bulk-invalidate/preview', async (c) => {
    const f = await bulkFilter(c);
    if (f instanceof Response) return f;
    return c.json(await previewBulk(c.env.DB, f.filter));
  });

  api.post('/signatures/bulk-invalidate', async (c) => {
    const f = await bulkFilter(c);
    if (f instanceof Response) return f;
    const result = await act.bulkInvalidateAction(c, f.filter, f.expected, f.category);
    if (!result.ok) return c.json({ error: { code: 'preview_changed', message: 'The matching rows changed since the preview; check again.' }, preview: result.preview }, 409);
    return c.json({ invalidated: result.invalidated, ids: result.ids });
  });

  api.get('/trending', async (c) => c.json(await trendingNow(c.env, Number(c.req.query('min')) || undefined)));

  api.get('/export/signatures.csv', async (c) => {
    const pledgeId = await pledgeFilter(c);
    if (pledgeId instanceof Response) return pledgeId;
    const { csv, rows } = await signaturesCsv(c.env.DB, pledgeId);
    await act.recordAdminAction(c, 'export.signatures', c.req.query('pledge') ?? null, { rows });
    return c.body(csv, 200, csvResponseHeaders('signatures'));
  });

  api.get('/export/endorsements.csv', async (c) => {
    const pledgeId = await pledgeFilter(c);
    if (pledgeId instanceof Response) return pledgeId;
    const { csv, rows } = await endorsementsCsv(c.env.DB, pledgeId);
    await act.recordAdminAction(c, 'export.endorsements', c.req.query('pledge') ?? null, { rows });
    return c.body(csv, 200, csvResponseHeaders('endorsements'));
  });

  api.get('/pledges', async (c) => c.json({ items: await listAllPledges(c.env.DB) }));

  api.post('/pledges', async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const parsed = parsePledge(body.data, 'create');
    if (!parsed.ok) return invalid(c, parsed.codes);
    const result = await act.createPledgeAction(c, parsed.value);
    return result.ok ? c.json(await pledgeDetail(c.env.DB, result.slug), 201) : invalid(c, result.codes);
  });

  api.get('/pledges/:slug', async (c) => {
    const detail = await pledgeDetail(c.env.DB, c.req.param('slug'));
    return detail ? c.json(detail) : apiError(c, 404, 'not_found', 'No such pledge.');
  });

  api.on(['PATCH', 'PUT'], '/pledges/:slug', async (c) => {
    const pledge = await getPledgeBySlug(db(c.env.DB), c.req.param('slug'));
    if (!pledge) return apiError(c, 404, 'not_found', 'No such pledge.');
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const parsed = parsePledge(body.data, 'edit');
    if (!parsed.ok) return invalid(c, parsed.codes);
    const result = await act.updatePledgeAction(c, pledge, parsed.value);
    return result.ok ? c.json({ ...(await pledgeDetail(c.env.DB, result.slug)), newVersions: result.newVersions }) : invalid(c, result.codes);
  });

  api.get('/audit', async (c) => {
    const before = Number(c.req.query('before')) || null;
    return c.json({ items: await listAudit(c.env.DB, Math.min(Number(c.req.query('limit')) || 100, 500), before) });
  });

  api.notFound((c) => apiError(c, 404, 'not_found', 'No such resource.'));
  return api;
}
