import { type Context, Hono } from 'hono';
import { formStrings } from '../platform/http/pages.ts';
import { pageQuery } from '../platform/http/query.ts';
import type { FormState } from '../platform/ui/FormParts.tsx';
import { adminPage, backTo, noticeFrom, withNotice } from './AdminPage.tsx';
import { BULK_FIELDS, BulkForm, SignatureSearch, TrendingTables } from './AdminSignatures.tsx';
import { bulkInvalidateAction, pledgeIdFor, recordAdminAction, type SignatureAction, signatureAction } from './admin.actions.ts';
import { bulkPrefillQuery, pledgeQuery, signaturesQuery, trendingQuery } from './admin.input.ts';
import { adminFieldMessages, adminWords, fill } from './admin.messages.ts';
import type { AdminEnv } from './auth.ts';
import { csvResponseHeaders, endorsementsCsv, signaturesCsv } from './export.ts';
import { type BulkPreview, previewBulk, sampleBulk, searchSignatures } from './moderation.queries.ts';
import { type BulkFilter, parseBulkFilter, TRENDING_MIN } from './moderation.ts';
import { listAllPledges } from './pledge-editor.ts';
import { trendingNow } from './trending.ts';

// /admin/signatures (search and single actions), bulk invalidation, trending, exports.
type C = Context<AdminEnv>;

async function pledgeOptions(c: C) {
  return (await listAllPledges(c.env.DB)).map((p) => [p.slug, p.slug] as const);
}

// The bulk form's strings as the JSON filter (empty fields left out).
function bulkBody(form: Record<string, string>, withExpected: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of BULK_FIELDS) if (form[f]?.trim()) body[f] = form[f]!.trim();
  if (withExpected && /^\d+$/.test(form.expected ?? '')) body.expected = Number(form.expected);
  return body;
}

export function signatureRoutes() {
  const r = new Hono<AdminEnv>();

  r.get('/signatures', async (c) => {
    const query = pageQuery(c, signaturesQuery);
    const values = { q: query.q ?? '', state: query.state ?? '', pledge: query.pledge ?? '', verification: query.verification ?? '' };
    const pledgeId = await pledgeIdFor(c, values.pledge);
    const rows =
      pledgeId === 'unknown'
        ? []
        : await searchSignatures(c.env.DB, { q: query.q ?? null, state: query.state ?? null, pledgeId, limit: 100, offset: 0, verification: query.verification ?? null });
    const back = `/admin/signatures?${new URLSearchParams(values)}`;
    const form = { values, errors: {} };
    return adminPage(c, adminWords(c.get('lang')).nav.signatures, <SignatureSearch lang={c.get('lang')} form={form} pledges={await pledgeOptions(c)} rows={rows} back={back} />, {
      notice: noticeFrom(c),
    });
  });

  for (const action of ['hide', 'unhide', 'invalidate', 'release'] as SignatureAction[]) {
    r.post(`/signatures/:id/${action}`, async (c) => {
      const form = await formStrings(c);
      const id = Number(c.req.param('id')) || 0;
      const ok = await signatureAction(c, id, action);
      return c.redirect(withNotice(backTo(form.back, '/admin/signatures'), ok ? action : 'wrongState', id), 303);
    });
  }

  // A preview always comes with a sample of the rows it would change.
  const bulkPage = async (c: C, form: FormState, preview?: { counts: BulkPreview; filter: BulkFilter }, notice?: string, status: 200 | 400 | 409 = 200) =>
    adminPage(
      c,
      adminWords(c.get('lang')).nav.bulk,
      <BulkForm
        lang={c.get('lang')}
        form={form}
        pledges={await pledgeOptions(c)}
        preview={preview?.counts}
        sample={preview && preview.counts.matching > 0 ? await sampleBulk(c.var.db, preview.filter) : undefined}
      />,
      { notice, status },
    );

  const previewOf = async (c: C, filter: BulkFilter) => ({ counts: await previewBulk(c.env.DB, filter), filter });

  // From the trending view (?ipHash= or ?emailDomain=): the form filled in and, as this
  // only reads, the preview and sample straight away.
  r.get('/signatures/bulk', async (c) => {
    const { ipHash = '', emailDomain = '' } = pageQuery(c, bulkPrefillQuery);
    const form = { values: { ipHash, emailDomain }, errors: {} };
    const parsed = ipHash || emailDomain ? parseBulkFilter(bulkBody(form.values, false)) : null;
    if (!parsed?.ok) return bulkPage(c, form);
    const { pledge: _p, expected: _e, ...rest } = parsed.value;
    return bulkPage(c, form, await previewOf(c, { ...rest, pledgeId: null }));
  });

  // Both steps re-read the filter from the form; the run also carries the previewed count.
  type BulkRead = { values: Record<string, string>; errors: Record<string, string> } | { values: Record<string, string>; filter: BulkFilter; expected: number | null };
  async function readBulk(c: C, withExpected: boolean): Promise<BulkRead> {
    const values = await formStrings(c);
    const parsed = parseBulkFilter(bulkBody(values, withExpected));
    if (!parsed.ok) return { values, errors: adminFieldMessages(c.get('lang'), parsed.codes) };
    const pledgeId = await pledgeIdFor(c, parsed.value.pledge);
    if (pledgeId === 'unknown') return { values, errors: adminFieldMessages(c.get('lang'), { pledge: 'invalid' }) };
    const { pledge: _p, expected, ...rest } = parsed.value;
    return { values, filter: { ...rest, pledgeId }, expected };
  }

  r.post('/signatures/bulk/preview', async (c) => {
    const b = await readBulk(c, false);
    if (!('filter' in b)) return bulkPage(c, { values: b.values, errors: fixEmpty(b.errors) }, undefined, undefined, 400);
    return bulkPage(c, { values: b.values, errors: {} }, await previewOf(c, b.filter));
  });

  r.post('/signatures/bulk', async (c) => {
    const b = await readBulk(c, true);
    if (!('filter' in b)) return bulkPage(c, { values: b.values, errors: fixEmpty(b.errors) }, undefined, undefined, 400);
    const w = adminWords(c.get('lang'));
    const result = await bulkInvalidateAction(c, b.filter, b.expected ?? -1);
    if (!result.ok) return bulkPage(c, { values: b.values, errors: {} }, { counts: result.preview, filter: b.filter }, w.previewChanged, 409);
    return bulkPage(c, { values: b.values, errors: {} }, undefined, fill(w.bulkDone, { count: result.invalidated }));
  });

  r.get('/trending', async (c) => {
    const { min = TRENDING_MIN } = pageQuery(c, trendingQuery);
    const t = await trendingNow(c.env, min);
    return adminPage(c, adminWords(c.get('lang')).nav.trending, <TrendingTables lang={c.get('lang')} min={min} ipHashes={t.ipHashes} emailDomains={t.emailDomains} />);
  });

  r.get('/export/:what{(signatures|endorsements)\\.csv}', async (c) => {
    const what = c.req.param('what') === 'signatures.csv' ? 'signatures' : 'endorsements';
    const { pledge } = pageQuery(c, pledgeQuery);
    const pledgeId = await pledgeIdFor(c, pledge);
    if (pledgeId === 'unknown') return c.notFound();
    const { csv, rows } = what === 'signatures' ? await signaturesCsv(c.env.DB, pledgeId) : await endorsementsCsv(c.env.DB, pledgeId);
    await recordAdminAction(c, `export.${what}`, pledge ?? null, { rows });
    return c.body(csv, 200, csvResponseHeaders(what));
  });

  return r;
}

// The "narrow by something" error belongs to the form as a whole: show it at the IP field.
function fixEmpty(errors: Record<string, string>): Record<string, string> {
  const { _: whole, ...rest } = errors;
  return whole ? { ipHash: whole, ...rest } : rest;
}
