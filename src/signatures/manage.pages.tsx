import { type Context, Hono } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import type { AppEnv } from '../platform/env.ts';
import { formStrings, privatePage } from '../platform/http/pages.ts';
import { fieldCodes } from '../platform/http/text.ts';
import { fill } from '../platform/i18n/fill.ts';
import { ActionPage, ResultPage } from '../platform/ui/ActionPage.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { cachedTexts } from '../pledges/pledges.cache.ts';
import { pickText, pledgeSlug } from '../pledges/pledges.queries.ts';
import { ManagePage } from './ManagePage.tsx';
import { changeByManage, dataExport, type ManageView, maskEmail, openManage, peekUnsubscribe, unsubscribe } from './manage.actions.ts';
import { manageWords } from './manage.messages.ts';
import { signatureBody } from './signatures.input.ts';
import { fieldMessages, signWords } from './signatures.messages.ts';
import { markWithdrawn } from './signatures.queries.ts';

// The signer's own page (issue 15), GET /manage/:token, and the unsubscribe link of
// update mails, /unsubscribe/:token. GET never changes anything (mail scanners open
// links); every change is a same-origin form POST (the CSRF check in src/index.ts),
// except the one-click unsubscribe POST of RFC 8058, which mail clients send from
// elsewhere with no session: src/index.ts exempts exactly POST /unsubscribe/:token.
export const managePages = new Hono<AppEnv>();

managePages.use('/manage/*', privatePage());
managePages.use('/unsubscribe/*', privatePage());

function invalidLink(c: Context<AppEnv>) {
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<MessagePage lang={lang} path={c.req.path} title={w.invalidLinkTitle} body={w.invalidLinkBody} />, 404);
}

async function pledgeTitle(c: Context<AppEnv>, pledgeId: number): Promise<string> {
  const texts = await cachedTexts(c.env, pledgeId);
  return pickText(texts, c.get('lang'), texts[0]?.lang ?? 'zh-Hans')?.title ?? '';
}

async function page(
  c: Context<AppEnv>,
  token: string,
  view: ManageView,
  opts: { saved?: boolean; details?: { values: Record<string, string>; errors: Record<string, string> } } = {},
  status: 200 | 400 = 200,
) {
  const lang = c.get('lang');
  return c.html(
    <ManagePage
      lang={lang}
      path={`/manage/${token}`}
      token={token}
      pledgeTitle={await pledgeTitle(c, view.pledgeId)}
      maskedEmail={maskEmail(view.email)}
      view={view}
      saved={opts.saved}
      details={opts.details}
    />,
    status,
  );
}

const open = (c: Context<AppEnv>) => openManage(c.env.DB, c.var.db, c.req.param('token') ?? '');

managePages.get('/manage/:token', async (c) => {
  const view = await open(c);
  return view ? page(c, c.req.param('token'), view, { saved: c.req.query('saved') === '1' }) : invalidLink(c);
});

const checked = (v: string | undefined) => v === 'on' || v === '1' || v === 'true';
const saved = (c: Context<AppEnv>) => c.redirect(`/manage/${c.req.param('token')}?saved=1`, 303);

managePages.post('/manage/:token/consent', async (c) => {
  const view = await open(c);
  if (!view) return invalidLink(c);
  const form = await formStrings(c);
  await changeByManage(c.var.db, view, { public: checked(form.public) }, Date.now());
  return saved(c);
});

managePages.post('/manage/:token/updates', async (c) => {
  const view = await open(c);
  if (!view) return invalidLink(c);
  const form = await formStrings(c);
  await changeByManage(c.var.db, view, { updates: checked(form.updates) }, Date.now());
  return saved(c);
});

// Name and affiliation, by the rules of the sign form (no links: they are mailed back).
const detailsBody = signatureBody.pick({ name: true, affiliation: true });

managePages.post('/manage/:token/details', async (c) => {
  const view = await open(c);
  if (!view) return invalidLink(c);
  const form = await formStrings(c);
  const values = { name: form.name ?? '', affiliation: form.affiliation ?? '' };
  const parsed = detailsBody.safeParse(values);
  if (!parsed.success) return page(c, c.req.param('token'), view, { details: { values, errors: fieldMessages(c.get('lang'), fieldCodes(parsed.error)) } }, 400);
  await changeByManage(c.var.db, view, { name: parsed.data.name.trim(), affiliation: parsed.data.affiliation.trim() }, Date.now());
  return saved(c);
});

managePages.post('/manage/:token/data', async (c) => {
  const view = await open(c);
  if (!view) return invalidLink(c);
  const slug = (await pledgeSlug(c.env.DB, view.pledgeId)) ?? '';
  c.header('Content-Disposition', `attachment; filename="my-signature-${slug}.json"`);
  return c.body(JSON.stringify(dataExport(view, slug), null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
});

managePages.post('/manage/:token/withdraw', async (c) => {
  const view = await open(c);
  if (!view) return invalidLink(c);
  const pledgeId = await markWithdrawn(c.env.DB, view.id, Date.now());
  if (pledgeId === null) return invalidLink(c);
  afterCountsChanged(c, pledgeId);
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.withdrawnTitle} paragraphs={[w.withdrawnBody]} />);
});

managePages.get('/unsubscribe/:token', async (c) => {
  const pledgeId = await peekUnsubscribe(c.env.DB, c.var.db, c.req.param('token'));
  if (pledgeId === null) return invalidLink(c);
  const lang = c.get('lang');
  const w = manageWords(lang);
  return c.html(
    <ActionPage
      lang={lang}
      path={c.req.path}
      title={w.unsubscribeTitle}
      body={fill(w.unsubscribeBody, { title: await pledgeTitle(c, pledgeId) })}
      action={c.req.path}
      button={w.unsubscribeButton}
    />,
  );
});

// The button above, and RFC 8058 one-click (body "List-Unsubscribe=One-Click"): either
// way the same answer. Unsubscribing twice is fine.
managePages.post('/unsubscribe/:token', async (c) => {
  const pledgeId = await unsubscribe(c.env.DB, c.var.db, c.req.param('token'), Date.now());
  if (pledgeId === null) return invalidLink(c);
  const lang = c.get('lang');
  const w = manageWords(lang);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.unsubscribedTitle} paragraphs={[w.unsubscribedBody]} />);
});
