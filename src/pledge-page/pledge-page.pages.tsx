import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { config } from '../platform/config.ts';
import { unseal } from '../platform/crypto/sealed.ts';
import type { AppEnv } from '../platform/env.ts';
import { isTransientFailure, RETRY_AFTER_SECONDS } from '../platform/http/errors.ts';
import { formStrings } from '../platform/http/pages.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { getFeaturedPledge } from '../pledges/pledges.queries.ts';
import { ORCID_PROOF_COOKIE, ORCID_PROOF_PURPOSE, type OrcidProof } from '../signatures/orcid.ts';
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

// After ORCID sign-in (src/orcid/): the sign form filled in with the proven iD and the
// name on the ORCID record, carrying the sealed proof. Private (the visitor's own iD),
// never cached; without a valid proof, the ordinary form.
pledgePages.get('/p/:slug/sign', async (c) => {
  const slug = c.req.param('slug');
  const sealed = getCookie(c, ORCID_PROOF_COOKIE);
  const proof = await unseal<OrcidProof>(config(c.env).admin.sessionSecret, ORCID_PROOF_PURPOSE, sealed, Date.now());
  if (!proof || !sealed) return c.redirect(`/p/${encodeURIComponent(slug)}#sign`, 303);
  c.header('Cache-Control', 'no-store');
  return renderPledgePage(c, slug, { values: { name: proof.name ?? '', orcid: proof.orcid, orcidProof: sealed } });
});

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
    case 'invalid': {
      const kept = values();
      // A refused ORCID proof: the ordinary form again, with the message.
      if (outcome.codes.orcid === 'proofExpired' || outcome.codes.orcid === 'orcidTaken') {
        delete kept.orcidProof;
        delete kept.orcid;
      }
      return renderPledgePage(c, slug, { values: kept, errors: fieldMessages(lang, outcome.codes) }, 400);
    }
    case 'accepted':
      // The ORCID proof, if any, has done its work.
      if (form.orcidProof) deleteCookie(c, ORCID_PROOF_COOKIE, { path: `/p/${outcome.slug}/sign`, secure: true, httpOnly: true, sameSite: 'Lax' });
      return c.redirect(await checkEmailLocation(c, outcome.slug, body, lang), 303);
  }
});
