import { type Context, Hono } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import { logWords } from '../log/log.messages.ts';
import { ReceiptCard } from '../log/ReceiptCard.tsx';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { isTransientFailure, RETRY_AFTER_SECONDS } from '../platform/http/errors.ts';
import { formStrings, privatePage } from '../platform/http/pages.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ActionPage, ResultPage } from '../platform/ui/ActionPage.tsx';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { MessagePage } from '../platform/ui/MessagePage.tsx';
import { getCounts } from '../pledges/counters.queries.ts';
import { cachedPledge, cachedTexts } from '../pledges/pledges.cache.ts';
import { pickText, pledgeSlug } from '../pledges/pledges.queries.ts';
import { langUrl } from '../share/links.ts';
import { confirmSignature, peekConfirmToken, peekWithdrawToken, withdrawSignature } from './signatures.actions.ts';
import { receiptForToken } from './signatures.handlers.ts';
import { formToSignatureBody, SIGN_FORM_FIELDS } from './signatures.input.ts';
import { fieldMessages, signWords } from './signatures.messages.ts';
import { ThanksPage } from './ThanksPage.tsx';

export const signaturePages = new Hono<AppEnv>();

// Token pages carry secrets in the URL: never cache them, never send them as referrer.
signaturePages.use('/confirm/*', privatePage());
signaturePages.use('/withdraw/*', privatePage());

signaturePages.get('/p/:slug/check-email', (c) => {
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.checkEmailTitle} paragraphs={[w.checkEmailBody]} />);
});

function invalidLink(c: Context<AppEnv>, expired = false) {
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<MessagePage lang={lang} path={c.req.path} title={w.invalidLinkTitle} body={expired ? w.expiredLinkBody : w.invalidLinkBody} />, expired ? 410 : 404);
}

signaturePages.get('/confirm/:token', async (c) => {
  const token = c.req.param('token');
  if (!(await peekConfirmToken(c.env.DB, token))) return invalidLink(c);
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<ActionPage lang={lang} path={c.req.path} title={w.confirmTitle} body={w.confirmBody} action={c.req.path} button={w.confirmButton} />);
});

signaturePages.post('/confirm/:token', async (c) => {
  const result = await confirmSignature(c.env.DB, c.req.param('token'), Date.now());
  if (!result.ok) return invalidLink(c, result.status === 'expired');
  if (result.changed) afterCountsChanged(c, result.pledgeId);
  const lang = c.get('lang');
  const w = signWords(lang);
  const paragraphs = result.status === 'confirmed' ? [w.confirmedBody] : [w.alreadyConfirmed];
  const link = result.withdrawToken ? { href: `/withdraw/${result.withdrawToken}`, label: w.withdrawLink, hint: w.withdrawHint } : undefined;
  const slug = await pledgeSlug(c.env.DB, result.pledgeId);
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
  if (!(await peekWithdrawToken(c.env.DB, token))) return invalidLink(c);
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<ActionPage lang={lang} path={c.req.path} title={w.withdrawTitle} body={w.withdrawBody} action={c.req.path} button={w.withdrawButton} />);
});

signaturePages.post('/withdraw/:token', async (c) => {
  const result = await withdrawSignature(c.env.DB, c.req.param('token'), Date.now());
  if (result.status === 'invalid') return invalidLink(c);
  afterCountsChanged(c, result.pledgeId);
  const lang = c.get('lang');
  const w = signWords(lang);
  return c.html(<ResultPage lang={lang} path={c.req.path} title={w.withdrawnTitle} paragraphs={[w.withdrawnBody]} />);
});
