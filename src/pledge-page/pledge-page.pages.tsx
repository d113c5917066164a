import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { isTransientFailure, RETRY_AFTER_SECONDS } from '../platform/http/errors.ts';
import { formStrings } from '../platform/http/pages.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { getFeaturedPledge } from '../pledges/pledges.queries.ts';
import { checkEmailLocation, submitSignature } from '../signatures/signatures.handlers.ts';
import { formToSignatureBody, SIGN_FORM_FIELDS } from '../signatures/signatures.input.ts';
import { fieldMessages, signWords } from '../signatures/signatures.messages.ts';
import { renderPledgePage } from './pledge-page.render.tsx';

export const pledgePages = new Hono<AppEnv>();

pledgePages.get('/', async (c) => {
  const featured = await getFeaturedPledge(c.var.db);
  if (!featured) return notFoundPage(c);
  const lang = c.req.query('lang');
  return c.redirect(`/p/${featured.slug}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, 302);
});

pledgePages.get('/p/:slug', (c) => renderPledgePage(c, c.req.param('slug')));

// The sign form of the pledge page posts here; errors show the page again with the form filled in.
pledgePages.post('/p/:slug/sign', async (c) => {
  const slug = c.req.param('slug');
  const form = await formStrings(c);
  if (isLang(form.lang)) c.set('lang', form.lang);
  const lang = c.get('lang');
  // Honeypot: people never see this field; scripts fill it. Answer as if all went well.
  if (form.website) return c.redirect(await checkEmailLocation(c, slug, null, lang), 303);
  const values = () => Object.fromEntries(SIGN_FORM_FIELDS.filter((f) => form[f] !== undefined).map((f) => [f, form[f]!]));
  const body = formToSignatureBody(form);
  let outcome;
  try {
    outcome = await submitSignature(c, slug, body, lang);
  } catch (err) {
    if (!isTransientFailure(err)) throw err;
    // Show the form again with everything entered, and say to try again.
    console.error(`sign failed transiently: ${err instanceof Error ? err.name : 'error'}`);
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return renderPledgePage(c, slug, { values: values(), errors: { _: messages(lang).unavailable } }, 503);
  }
  const w = signWords(lang);
  switch (outcome.kind) {
    case 'notFound':
      return notFoundPage(c);
    case 'closed':
      return renderPledgePage(c, slug, {}, 409);
    case 'rateLimited':
      c.header('Retry-After', String(outcome.retryAfter));
      return c.html(<MessagePage lang={lang} path={c.req.path} title={w.tooManyTitle} body={w.tooManyBody} />, 429);
    case 'invalid':
      return renderPledgePage(c, slug, { values: values(), errors: fieldMessages(lang, outcome.codes) }, 400);
    case 'accepted':
      return c.redirect(await checkEmailLocation(c, outcome.slug, body, lang), 303);
  }
});
