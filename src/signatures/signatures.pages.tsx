import { type Context, Hono } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import { logWords } from '../log/log.messages.ts';
import { ReceiptCard } from '../log/ReceiptCard.tsx';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { isTransientFailure, RETRY_AFTER_SECONDS } from '../platform/http/errors.ts';
import { keepAliveOf } from '../platform/http/keep-alive.ts';
import { formStrings, privatePage } from '../platform/http/pages.ts';
import { fill } from '../platform/i18n/fill.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ActionPage, FlowContext, ResultPage } from '../platform/ui/ActionPage.tsx';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { getCounts } from '../pledges/counters.queries.ts';
import { cachedPledge, cachedTexts } from '../pledges/pledges.cache.ts';
import { getCurrentTexts, pickText, pledgeSlug } from '../pledges/pledges.queries.ts';
import { langUrl } from '../share/links.ts';
import { confirmSignature, peekConfirmToken, peekWithdrawToken, withdrawSignature } from './signatures.actions.ts';
import { type CheckEmailTicket, openTicket, receiptForToken, resendSignature } from './signatures.handlers.ts';
import { signWords } from './signatures.messages.ts';
import { ThanksPage } from './ThanksPage.tsx';

export const signaturePages = new Hono<AppEnv>();

// Token pages carry secrets in the URL: never cache them, never send them as referrer.
signaturePages.use('/confirm/*', privatePage());
signaturePages.use('/withdraw/*', privatePage());

// The check-email page shows the address masked, from the sealed ticket in its query,
// so it is private: never stored by a cache, never sent on as referrer.
signaturePages.use('/p/:slug/check-email', privatePage());
signaturePages.use('/p/:slug/check-email/*', privatePage());

signaturePages.get('/p/:slug/check-email', async (c) => {
  const slug = c.req.param('slug');
  const ticket = await openTicket(c, slug, c.req.query('t'));
  return checkEmailPage(c, slug, ticket, c.req.query('t'), c.req.query('resent') === '1');
});

function checkEmailPage(c: Context<AppEnv>, slug: string, ticket: CheckEmailTicket | null, t: string | undefined, resent: boolean, status: 200 | 400 = 200) {
  const lang = c.get('lang');
  const w = signWords(lang);
  if (!ticket || !t) return c.html(<ResultPage lang={lang} path={c.req.path} title={w.checkEmailTitle} paragraphs={[w.checkEmailBody]} />, status);
  return c.html(
    <ResultPage lang={lang} path={c.req.path} title={w.checkEmailTitle} paragraphs={[fill(w.checkEmailSentTo, { email: ticket.masked }), w.checkEmailNext]}>
      {resent ? (
        <p class="notice" role="status">
          {w.resentNotice}
        </p>
      ) : null}
      <p>
        <a href={`/p/${encodeURIComponent(slug)}?lang=${lang}#sign`}>{w.wrongAddress}</a>
      </p>
      <section class="card" aria-labelledby="resend-heading">
        <h2 id="resend-heading">{w.resendHeading}</h2>
        <p>{w.resendIntro}</p>
        <form method="post" action={`/p/${encodeURIComponent(slug)}/check-email/resend?lang=${lang}`}>
          <input type="hidden" name="t" value={t} />
          <button type="submit" id="f-resend">
            {w.resendButton}
          </button>
        </form>
      </section>
    </ResultPage>,
    status,
  );
}

// Resend: POST only (CSRF-checked with every page form), under the burst limit, and
// through the signing path, so its caps apply and the answer never tells who signed.
signaturePages.post('/p/:slug/check-email/resend', async (c) => {
  const slug = c.req.param('slug');
  const form = await formStrings(c);
  const ticket = await openTicket(c, slug, form.t);
  if (!ticket) return checkEmailPage(c, slug, null, undefined, false, 400);
  c.set('lang', ticket.lang);
  const lang = ticket.lang;
  const w = signWords(lang);
  let outcome;
  try {
    outcome = await resendSignature(c, slug, ticket);
  } catch (err) {
    if (!isTransientFailure(err)) throw err;
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.html(<MessagePage lang={lang} path={c.req.path} title={messages(lang).errorTitle} body={messages(lang).unavailable} />, 503);
  }
  switch (outcome.kind) {
    case 'accepted':
      return c.redirect(`/p/${encodeURIComponent(slug)}/check-email?lang=${lang}&t=${form.t}&resent=1`, 303);
    case 'rateLimited':
      c.header('Retry-After', String(outcome.retryAfter));
      return c.html(<MessagePage lang={lang} path={c.req.path} title={w.tooManyTitle} body={w.tooManyBody} />, 429);
    case 'notFound':
      return notFoundPage(c);
    default:
      // Closed since, or the details no longer pass: the form is the place to fix them.
      return c.redirect(`/p/${encodeURIComponent(slug)}?lang=${lang}#sign`, 303);
  }
});

// The pledge a token page is about: its title in the visitor's language, and its address.
async function pledgeOf(c: Context<AppEnv>, pledgeId: number): Promise<{ slug: string; title: string } | null> {
  const pledge = await c.var.db.query.pledges.findFirst({ columns: { id: true, slug: true, defaultLang: true }, where: (p, { eq }) => eq(p.id, pledgeId) });
  if (!pledge) return null;
  const text = pickText(await getCurrentTexts(c.var.db, pledge.id), c.get('lang'), pledge.defaultLang);
  return { slug: pledge.slug, title: text?.title ?? pledge.slug };
}

function SignatureContext(props: { lang: Lang; pledge: { slug: string; title: string } | null; name?: string | null }) {
  const w = signWords(props.lang);
  return (
    <FlowContext
      items={[
        [w.contextPledge, props.pledge ? <a href={`/p/${props.pledge.slug}?lang=${props.lang}`}>{props.pledge.title}</a> : null],
        [w.contextSigner, props.name ?? null],
      ]}
    />
  );
}

function invalidLink(c: Context<AppEnv>, expired = false) {
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<MessagePage lang={lang} path={c.req.path} title={w.invalidLinkTitle} body={expired ? w.expiredLinkBody : w.invalidLinkBody} />, expired ? 410 : 404);
}

signaturePages.get('/confirm/:token', async (c) => {
  const token = c.req.param('token');
  const peek = await peekConfirmToken(c.env.DB, token);
  if (!peek) return invalidLink(c);
  const lang = c.get('lang');
  const w = signWords(lang);
  const context = <SignatureContext lang={lang} pledge={await pledgeOf(c, peek.pledgeId)} name={peek.name} />;
  return c.html(
    <ActionPage lang={lang} path={c.req.path} title={w.confirmTitle} context={context} body={w.confirmBody} action={`${c.req.path}?lang=${lang}`} button={w.confirmButton} />,
  );
});

signaturePages.post('/confirm/:token', async (c) => {
  const result = await confirmSignature(c.env.DB, c.req.param('token'), Date.now(), { keepAlive: keepAliveOf(c) });
  if (!result.ok) return invalidLink(c, result.status === 'expired');
  if (result.changed) afterCountsChanged(c, result.pledgeId);
  const lang = c.get('lang');
  const w = signWords(lang);
  const paragraphs = result.status === 'confirmed' ? [w.confirmedBody] : [w.alreadyConfirmed];
  const link = result.withdrawToken ? { href: `/withdraw/${result.withdrawToken}`, label: w.withdrawLink, hint: w.withdrawHint } : undefined;
  const slug = await pledgeSlug(c.var.db, result.pledgeId);
  const pledge = slug ? await thanksPledge(c, result.pledgeId, slug) : null;
  if (!slug || !pledge) {
    return c.html(<ResultPage lang={lang} path={c.req.path} title={w.confirmedTitle} paragraphs={paragraphs} link={link} />);
  }
  // The thank-you page leads with the live total and sharing; withdrawal comes last.
  return c.html(
    <ThanksPage lang={lang} path={c.req.path} title={w.confirmedTitle} body={paragraphs[0]!} pledge={pledge.share} counts={pledge.counts} withdraw={link}>
      <ReceiptCard lang={lang} action={`${c.req.path}/receipt`} slug={slug} />
    </ThanksPage>,
  );
});

// What the thank-you page shows of the pledge: its title in the page's language, its
// address to share, and the counts read fresh (they include the signature just confirmed).
async function thanksPledge(c: Context<AppEnv>, pledgeId: number, slug: string) {
  const lang = c.get('lang');
  const [pledge, texts, counts] = await Promise.all([cachedPledge(c.env, slug), cachedTexts(c.env, pledgeId), getCounts(c.var.db, pledgeId)]);
  const text = pledge ? pickText(texts, lang, pledge.defaultLang) : undefined;
  if (!text) return null;
  return { share: { slug, title: text.title, url: langUrl(`${baseUrl(c)}/p/${slug}`, lang) }, counts };
}

// The receipt of the public log (src/log/), as a file download.
signaturePages.post('/confirm/:token/receipt', async (c) => {
  const outcome = await receiptForToken(c, c.req.param('token'));
  if (outcome === null) return invalidLink(c);
  if (!outcome.ok) {
    const lang = c.get('lang');
    const w = logWords(lang);
    return c.html(<MessagePage lang={lang} path={c.req.path} title={w.notReadyTitle} body={w.notReadyBody} />, 409);
  }
  const { receipt } = outcome;
  c.header('Content-Disposition', `attachment; filename="receipt-${receipt.pledge}-${receipt.entry.seq}.json"`);
  return c.body(JSON.stringify(receipt, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
});

signaturePages.get('/withdraw/:token', async (c) => {
  const token = c.req.param('token');
  const peek = await peekWithdrawToken(c.env.DB, token);
  if (!peek) return invalidLink(c);
  const lang = c.get('lang');
  const w = signWords(lang);
  const context = <SignatureContext lang={lang} pledge={await pledgeOf(c, peek.pledgeId)} name={peek.name} />;
  return c.html(
    <ActionPage lang={lang} path={c.req.path} title={w.withdrawTitle} context={context} body={w.withdrawBody} action={`${c.req.path}?lang=${lang}`} button={w.withdrawButton} />,
  );
});

signaturePages.post('/withdraw/:token', async (c) => {
  const result = await withdrawSignature(c.env.DB, c.req.param('token'), Date.now());
  if (result.status === 'invalid') return invalidLink(c);
  afterCountsChanged(c, result.pledgeId);
  const lang = c.get('lang');
  const w = signWords(lang);
  const context = <SignatureContext lang={lang} pledge={await pledgeOf(c, result.pledgeId)} />;
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.withdrawnTitle} context={context} paragraphs={[w.withdrawnBody]} />);
});
