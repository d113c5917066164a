import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../platform/env.ts';
import { formStrings, privatePage } from '../platform/http/pages.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ActionPage, FlowContext, ResultPage } from '../platform/ui/ActionPage.tsx';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import type { FormState } from '../platform/ui/FormParts.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { getCurrentTexts, getPledgeBySlug, pickText, societyName } from '../pledges/pledges.queries.ts';
import { signingClosedReason } from '../pledges/pledges.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { EndorseForm } from './EndorseForm.tsx';
import { EndorsePage } from './EndorsePage.tsx';
import { confirmEndorsement, peekEndorseToken, type SocietyNames } from './endorsements.actions.ts';
import { submitEndorsementRequest } from './endorsements.handlers.ts';
import { ENDORSE_FORM_FIELDS, formToEndorsementBody } from './endorsements.input.ts';
import { endorseFieldMessages, endorseWords } from './endorsements.messages.ts';

export const endorsementPages = new Hono<AppEnv>();

endorsementPages.use('/endorse/confirm/*', privatePage());
endorsementPages.use('/p/:slug/endorse', csrf());
endorsementPages.use('/endorse/*', csrf());

// The endorse page: the form, or a notice when the pledge does not take co-signatures.
async function renderEndorsePage(c: Context<AppEnv>, slug: string, form: FormState = { values: {}, errors: {} }, status: ContentfulStatusCode = 200) {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, slug);
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  const lang = c.get('lang');
  const text = pickText(await getCurrentTexts(d, pledge.id), lang, pledge.defaultLang);
  if (!text) return notFoundPage(c);
  const closed = signingClosedReason(pledge, Date.now());
  const body = closed ? (
    <p class="card" id="endorse">
      {messages(lang)[closed]}
    </p>
  ) : (
    <EndorseForm lang={lang} slug={pledge.slug} form={form} turnstileSiteKey={c.env.TURNSTILE_SITE_KEY} />
  );
  return c.html(
    <EndorsePage lang={lang} slug={pledge.slug} pledgeTitle={text.title} error={!closed && Object.keys(form.errors).length > 0}>
      {body}
    </EndorsePage>,
    status,
  );
}

endorsementPages.get('/p/:slug/endorse', (c) => renderEndorsePage(c, c.req.param('slug')));

endorsementPages.post('/p/:slug/endorse', async (c) => {
  const slug = c.req.param('slug');
  const form = await formStrings(c);
  if (isLang(form.lang)) c.set('lang', form.lang);
  const lang = c.get('lang');
  // Honeypot: people never see this field; scripts fill it. Answer as if all went well.
  if (form.homepage) return c.redirect(`/p/${encodeURIComponent(slug)}/endorse/check-email`, 303);
  const outcome = await submitEndorsementRequest(c, slug, formToEndorsementBody(form), lang);
  switch (outcome.kind) {
    case 'notFound':
      return notFoundPage(c);
    case 'closed':
      return renderEndorsePage(c, slug, undefined, 409);
    case 'rateLimited': {
      const w = signWords(lang);
      c.header('Retry-After', String(outcome.retryAfter));
      return c.html(<MessagePage lang={lang} path={c.req.path} title={w.tooManyTitle} body={w.tooManyBody} />, 429);
    }
    case 'invalid': {
      const values = Object.fromEntries(ENDORSE_FORM_FIELDS.filter((f) => form[f] !== undefined).map((f) => [f, form[f]!]));
      return renderEndorsePage(c, slug, { values, errors: endorseFieldMessages(lang, outcome.codes, signWords(lang).genericError) }, 400);
    }
    case 'accepted':
      return c.redirect(`/p/${outcome.slug}/endorse/check-email`, 303);
  }
});

endorsementPages.get('/p/:slug/endorse/check-email', (c) => {
  const lang = c.get('lang');
  const w = endorseWords(lang);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.checkEmailTitle} paragraphs={[w.checkEmailBody]} />);
});

function invalidLink(c: Context<AppEnv>, expired: boolean) {
  const lang = c.get('lang');
  const w = endorseWords(lang);
  const title = signWords(lang).invalidLinkTitle;
  return c.html(<MessagePage lang={lang} path={c.req.path} title={title} body={expired ? w.expiredLinkBody : w.invalidLinkBody} />, expired ? 410 : 404);
}

// GET shows a button; only POST confirms (mail scanners open links with GET).
endorsementPages.get('/endorse/confirm/:token', async (c) => {
  const peek = await peekEndorseToken(c.env.DB, c.req.param('token'), Date.now());
  if (peek.state !== 'ok') return invalidLink(c, peek.state === 'expired');
  const lang = c.get('lang');
  const w = endorseWords(lang);
  const context = await endorsementContext(c, peek.pledgeId, peek.society);
  return c.html(
    <ActionPage lang={lang} path={c.req.path} title={w.confirmTitle} context={context} body={w.confirmBody} action={`${c.req.path}?lang=${lang}`} button={w.confirmButton} />,
  );
});

endorsementPages.post('/endorse/confirm/:token', async (c) => {
  const result = await confirmEndorsement(c.env.DB, c.req.param('token'), Date.now());
  if (!result.ok) return invalidLink(c, result.status === 'expired');
  const lang = c.get('lang');
  const w = endorseWords(lang);
  const context = await endorsementContext(c, result.pledgeId, result.society);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.confirmedTitle} context={context} paragraphs={[w.confirmedBody]} />);
});

// What a society's confirm page is about: the pledge (linked) and the society, named in
// the visitor's language.
async function endorsementContext(c: Context<AppEnv>, pledgeId: number, society: SocietyNames) {
  const lang = c.get('lang');
  const w = endorseWords(lang);
  const d = c.var.db;
  const pledge = await d.query.pledges.findFirst({ columns: { id: true, slug: true, defaultLang: true }, where: (p, { eq }) => eq(p.id, pledgeId) });
  const text = pledge ? pickText(await getCurrentTexts(d, pledge.id), lang, pledge.defaultLang) : undefined;
  return (
    <FlowContext
      items={[
        [w.contextPledge, pledge ? <a href={`/p/${pledge.slug}?lang=${lang}`}>{text?.title ?? pledge.slug}</a> : null],
        [w.contextSociety, societyName(society, lang) || null],
      ]}
    />
  );
}
