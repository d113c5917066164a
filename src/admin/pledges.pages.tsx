import { type Context, Hono } from 'hono';
import { formStrings } from '../platform/http/pages.ts';
import type { FormState } from '../platform/ui/FormParts.tsx';
import { renderPledgePage } from '../pledge-page/pledge-page.render.tsx';
import { getCurrentTexts, getPledgeBySlug } from '../pledges/pledges.queries.ts';
import { adminPage, noticeFrom, withNotice } from './AdminPage.tsx';
import { PledgeTable } from './AdminPages.tsx';
import { PledgeForm, VersionTable } from './AdminPledges.tsx';
import { createPledgeAction, updatePledgeAction } from './admin.actions.ts';
import { adminFieldMessages, adminWords } from './admin.messages.ts';
import { type AdminEnv, appContext } from './auth.ts';
import { formFieldCodes, formToPledgeBody, pledgeToForm } from './pledge-editor.form.ts';
import { parsePledge } from './pledge-editor.input.ts';
import { listAllPledges, textHistory } from './pledge-editor.ts';
import { pledgeUpdateWords } from './pledge-updates.messages.ts';

// /admin/pledges: list, create, edit (a changed text is a new version), preview drafts.
type C = Context<AdminEnv>;

export function pledgeRoutes() {
  const r = new Hono<AdminEnv>();
  const words = (c: C) => adminWords(c.get('lang'));
  const errorsOf = (c: C, codes: Record<string, string>) => adminFieldMessages(c.get('lang'), formFieldCodes(codes));

  r.get('/pledges', async (c) =>
    adminPage(
      c,
      words(c).nav.pledges,
      <>
        <p>
          <a href="/admin/pledges/new">{words(c).newPledge}</a>
        </p>
        <PledgeTable lang={c.get('lang')} pledges={await listAllPledges(c.env.DB)} />
      </>,
      { notice: noticeFrom(c) },
    ),
  );

  const newPage = (c: C, form: FormState, status: 200 | 400 = 200) =>
    adminPage(c, words(c).newPledge, <PledgeForm lang={c.get('lang')} form={form} action="/admin/pledges" submit={words(c).create} slugLocked={false} />, { status });

  r.get('/pledges/new', (c) => newPage(c, { values: { status: 'draft', defaultLang: 'zh-Hans' }, errors: {} }));

  r.post('/pledges', async (c) => {
    const form = await formStrings(c);
    const parsed = parsePledge(formToPledgeBody(form), 'create');
    const result = parsed.ok ? await createPledgeAction(c, parsed.value) : parsed;
    if (!result.ok) return newPage(c, { values: form, errors: errorsOf(c, result.codes) }, 400);
    return c.redirect(withNotice(`/admin/pledges/${result.slug}`, 'done'), 303);
  });

  async function editPage(c: C, slug: string, form?: FormState, status: 200 | 400 = 200) {
    const d = c.var.db;
    const pledge = await getPledgeBySlug(d, slug);
    if (!pledge) return c.notFound();
    const [texts, versions] = await Promise.all([getCurrentTexts(d, pledge.id), textHistory(c.env.DB, pledge.id)]);
    const state = form ?? { values: pledgeToForm(pledge, texts), errors: {} };
    return adminPage(
      c,
      `${words(c).edit}: ${pledge.slug}`,
      <>
        <p>
          <a href={`/admin/pledges/${pledge.slug}/preview`}>{words(c).previewPage}</a>
        </p>
        <p>
          <a href={`/admin/pledges/${pledge.slug}/updates`}>{pledgeUpdateWords(c.get('lang')).link}</a>
        </p>
        <PledgeForm lang={c.get('lang')} form={state} action={`/admin/pledges/${pledge.slug}`} submit={words(c).save} slugLocked={pledge.status !== 'draft'} />
        <VersionTable lang={c.get('lang')} versions={versions} />
      </>,
      { notice: noticeFrom(c), status },
    );
  }

  r.get('/pledges/:slug', (c) => editPage(c, c.req.param('slug')));

  r.post('/pledges/:slug', async (c) => {
    const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug'));
    if (!pledge) return c.notFound();
    const form = await formStrings(c);
    const parsed = parsePledge(formToPledgeBody(form), 'edit');
    const result = parsed.ok ? await updatePledgeAction(c, pledge, parsed.value) : parsed;
    if (!result.ok) return editPage(c, pledge.slug, { values: form, errors: errorsOf(c, result.codes) }, 400);
    return c.redirect(withNotice(`/admin/pledges/${result.slug}`, 'done'), 303);
  });

  // Drafts are visible only here, to organisers.
  r.get('/pledges/:slug/preview', (c) => renderPledgePage(appContext(c), c.req.param('slug'), {}, 200, { preview: true }));

  return r;
}
