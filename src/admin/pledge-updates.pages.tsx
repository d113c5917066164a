import { desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { pledgeUpdates } from '../platform/db/schema.ts';
import { formStrings } from '../platform/http/pages.ts';
import { isLang, type Lang } from '../platform/i18n/lang.ts';
import type { FormState } from '../platform/ui/FormParts.tsx';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { formToMilestonesBody, formToUpdateBody, parseMilestones, parseUpdate } from '../updates/updates.input.ts';
import { getMilestoneSettings } from '../updates/updates.queries.ts';
import { parseLangText } from '../updates/updates.ts';
import { adminPage, noticeFrom, withNotice } from './AdminPage.tsx';
import { AdminPledgeUpdates, type UpdateRow } from './AdminPledgeUpdates.tsx';
import type { AdminEnv } from './auth.ts';
import { publishUpdateAction, saveMilestonesAction } from './pledge-updates.actions.ts';
import { pledgeUpdateErrors, pledgeUpdateWords } from './pledge-updates.messages.ts';

// /admin/pledges/:slug/updates: publish updates (HTML form, no JavaScript needed) and set
// milestone thresholds. The JSON API: pledge-updates.api.ts.
type C = Context<AdminEnv>;

const langOf = (p: Pledge): Lang => (isLang(p.defaultLang) ? p.defaultLang : 'zh-Hans');

async function updatesPage(c: C, pledge: Pledge, forms: { form?: FormState; milestones?: FormState } = {}, status: 200 | 400 = 200) {
  const rows = await c.var.db.select().from(pledgeUpdates).where(eq(pledgeUpdates.pledgeId, pledge.id)).orderBy(desc(pledgeUpdates.createdAt), desc(pledgeUpdates.id)).limit(200);
  const updates: UpdateRow[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    threshold: r.threshold,
    title: parseLangText(r.title),
    body: parseLangText(r.body),
    publishedAt: r.createdAt,
    notify: r.notify,
    recipients: r.recipients,
  }));
  const settings = await getMilestoneSettings(c.var.db, pledge.id);
  const milestones = forms.milestones ?? { values: { thresholds: settings.thresholds.join(', '), notify: settings.notify ? 'on' : '' }, errors: {} };
  const lang = c.get('lang');
  return adminPage(
    c,
    `${pledgeUpdateWords(lang).heading}: ${pledge.slug}`,
    <AdminPledgeUpdates lang={lang} slug={pledge.slug} fallback={langOf(pledge)} updates={updates} form={forms.form ?? { values: {}, errors: {} }} milestones={milestones} />,
    { notice: noticeFrom(c), status },
  );
}

export function pledgeUpdateRoutes() {
  const r = new Hono<AdminEnv>();

  r.get('/pledges/:slug/updates', async (c) => {
    const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug'));
    return pledge ? updatesPage(c, pledge) : c.notFound();
  });

  r.post('/pledges/:slug/updates', async (c) => {
    const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug'));
    if (!pledge) return c.notFound();
    const form = await formStrings(c);
    const parsed = parseUpdate(formToUpdateBody(form), langOf(pledge));
    if (!parsed.ok) {
      // Errors name title/body; the form shows them at the first language filled in (or the pledge's).
      const at = ['zh-Hans', 'zh-Hant', 'en'].find((l) => form[`title.${l}`]?.trim() || form[`body.${l}`]?.trim()) ?? langOf(pledge);
      const errors = Object.fromEntries(Object.entries(pledgeUpdateErrors(c.get('lang'), parsed.codes)).map(([k, v]) => [k === 'title' || k === 'body' ? `${k}.${at}` : k, v]));
      return updatesPage(c, pledge, { form: { values: form, errors } }, 400);
    }
    await publishUpdateAction(c, pledge, parsed.value);
    return c.redirect(withNotice(`/admin/pledges/${pledge.slug}/updates`, 'done'), 303);
  });

  r.post('/pledges/:slug/milestones', async (c) => {
    const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug'));
    if (!pledge) return c.notFound();
    const form = await formStrings(c);
    const parsed = parseMilestones(formToMilestonesBody(form));
    if (!parsed.ok) return updatesPage(c, pledge, { milestones: { values: form, errors: pledgeUpdateErrors(c.get('lang'), parsed.codes) } }, 400);
    await saveMilestonesAction(c, pledge, parsed.value);
    return c.redirect(withNotice(`/admin/pledges/${pledge.slug}/updates`, 'done'), 303);
  });

  return r;
}
