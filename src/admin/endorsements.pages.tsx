import { type Context, Hono } from 'hono';
import { formStrings } from '../platform/http/pages.ts';
import { fieldCodes } from '../platform/http/text.ts';
import { BULK_REJECT_FIELDS, type BulkRejectState, EndorsementQueue } from './AdminEndorsements.tsx';
import { adminPage, backTo, noticeFrom, withNotice } from './AdminPage.tsx';
import { bulkRejectAction, rejectAction, verifyAction } from './admin.actions.ts';
import { adminWords, fill } from './admin.messages.ts';
import type { AdminEnv } from './auth.ts';
import { bulkRejectFilter, queuePage } from './endorsement-queue.handlers.ts';
import { bulkRejectBody, type QueueQuery, queueQuery } from './endorsement-queue.input.ts';
import { queueWords } from './endorsement-queue.messages.ts';
import { previewReject } from './endorsement-queue.queries.ts';
import { endorsementItem } from './endorsement-queue.ts';

// /admin/endorsements: the queue of societies awaiting verification, and the others;
// searchable, paged by cursor, with bulk rejection by filter after a preview.
type C = Context<AdminEnv>;

async function queueView(c: C, query: QueueQuery, opts: { bulk?: BulkRejectState; notice?: string; status?: 200 | 400 | 409 } = {}) {
  const page = (await queuePage(c, { ...query, pledge: undefined })) as Exclude<Awaited<ReturnType<typeof queuePage>>, 'unknown'>;
  const w = adminWords(c.get('lang'));
  const values = { q: query.q ?? '', sort: query.sort };
  const back = `/admin/endorsements?${new URLSearchParams(Object.entries({ state: query.state, q: query.q ?? '', sort: query.sort, cursor: query.cursor ?? '' }).filter(([, v]) => v))}`;
  return adminPage(c, `${w.nav.endorsements}: ${w.queue[query.state]}`, <EndorsementQueue lang={c.get('lang')} page={page} values={values} back={back} bulk={opts.bulk} />, {
    notice: opts.notice ?? noticeFrom(c),
    status: opts.status,
  });
}

// The bulk form's strings as the JSON body (empty fields left out).
function bulkBody(form: Record<string, string>, run: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { state: form.state === 'unconfirmed' ? 'unconfirmed' : 'pending' };
  for (const f of BULK_REJECT_FIELDS) if (form[f]?.trim()) body[f] = form[f]!.trim();
  if (run) {
    if (form.reason?.trim()) body.reason = form.reason.trim().slice(0, 1000);
    if (/^\d{1,9}$/.test(form.expected ?? '')) body.expected = Number(form.expected);
  }
  return body;
}

function bulkErrors(c: C, codes: Record<string, string>): Record<string, string> {
  const v = queueWords(c.get('lang'));
  const out: Record<string, string> = {};
  for (const [k, code] of Object.entries(codes)) out[k === '_' ? 'q' : k] = code === 'emptyFilter' ? v.emptyFilter : k === 'reason' ? v.reasonRequired : v.invalid;
  return out;
}

export function endorsementRoutes() {
  const r = new Hono<AdminEnv>();

  r.get('/', async (c) => {
    // Unusable parameters fall back to the defaults (the JSON API answers 400 instead).
    const parsed = queueQuery.safeParse(c.req.query());
    return queueView(c, parsed.success ? parsed.data : queueQuery.parse({ state: queueQuery.shape.state.safeParse(c.req.query('state')).data }));
  });

  const readBulk = async (c: C, run: boolean) => {
    const values = await formStrings(c);
    const query = queueQuery.parse({ state: values.state === 'unconfirmed' ? 'unconfirmed' : 'pending' });
    const parsed = bulkRejectBody.safeParse(bulkBody(values, run));
    const codes = parsed.success ? {} : fieldCodes(parsed.error);
    if (run && parsed.success && !parsed.data.reason) codes.reason = 'required';
    const filter = parsed.success ? await bulkRejectFilter(c, parsed.data) : null;
    return { values, query, parsed: parsed.success ? parsed.data : null, filter: filter === 'unknown' ? null : filter, codes };
  };

  r.post('/bulk-reject/preview', async (c) => {
    const b = await readBulk(c, false);
    if (!b.filter) return queueView(c, b.query, { bulk: { form: { values: b.values, errors: bulkErrors(c, b.codes) } }, status: 400 });
    const preview = await previewReject(c.env.DB, b.filter);
    return queueView(c, b.query, { bulk: { form: { values: b.values, errors: {} }, preview: { matching: preview.matching, sample: preview.sample.map(endorsementItem) } } });
  });

  r.post('/bulk-reject', async (c) => {
    const b = await readBulk(c, true);
    if (!b.filter || !b.parsed?.reason || Object.keys(b.codes).length > 0) {
      return queueView(c, b.query, { bulk: { form: { values: b.values, errors: bulkErrors(c, b.codes) } }, status: 400 });
    }
    const v = queueWords(c.get('lang'));
    const result = await bulkRejectAction(c, b.filter, b.parsed.reason, b.parsed.expected ?? -1);
    if (!result.ok) {
      const preview = { matching: result.preview.matching, sample: result.preview.sample.map(endorsementItem) };
      return queueView(c, b.query, { bulk: { form: { values: b.values, errors: {} }, preview }, notice: v.changed, status: 409 });
    }
    return queueView(c, b.query, { notice: fill(v.done, { count: result.rejected }) });
  });

  r.post('/:id/verify', async (c) => {
    const form = await formStrings(c);
    const result = await verifyAction(c, Number(c.req.param('id')) || 0);
    return c.redirect(withNotice(backTo(form.back, '/admin/endorsements'), result.ok ? 'done' : 'wrongState'), 303);
  });

  r.post('/:id/reject', async (c) => {
    const form = await formStrings(c);
    const reason = (form.reason ?? '').trim().slice(0, 1000);
    const result = reason ? await rejectAction(c, Number(c.req.param('id')) || 0, reason) : { ok: false };
    return c.redirect(withNotice(backTo(form.back, '/admin/endorsements'), result.ok ? 'done' : 'wrongState'), 303);
  });

  return r;
}
