import { type Context, Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { publicCache } from '../platform/http/cache.ts';
import { baseUrl } from '../platform/http/client.ts';
import { messages } from '../platform/i18n/messages.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { getCounts } from '../pledges/counters.queries.ts';
import { getCurrentTexts, getPledgeBySlug, pickText } from '../pledges/pledges.queries.ts';
import { individualsLabel } from '../pledges/pledges.ts';
import { badgeSvg } from './badge.ts';
import { badgeValue, EmbedPage } from './EmbedPage.tsx';
import { OG_GENERIC, ogImagePath, parseOgFile } from './og.ts';
import { qrSvg } from './qr.ts';

// Sharing: a QR code of the pledge address, an SVG badge with the current total, an
// iframe widget, and the generic share image for pledges without their own.
export const sharePages = new Hono<AppEnv>();

async function publicPledge(c: Context<AppEnv>) {
  const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug') ?? '');
  return pledge && pledge.status !== 'draft' ? pledge : null;
}

function svg(c: Context<AppEnv>, body: string) {
  return c.body(body, 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
}

sharePages.get('/p/:slug/qr.svg', publicCache(86400, 604800), async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFoundPage(c);
  return svg(c, qrSvg(`${baseUrl(c)}/p/${pledge.slug}`));
});

// "N signatures" in the language asked for (?lang=), else the negotiated one.
sharePages.get('/p/:slug/badge.svg', publicCache(60, 600), async (c) => {
  const pledge = await publicPledge(c);
  if (!pledge) return notFoundPage(c);
  const lang = c.get('lang');
  const { individuals } = await getCounts(c.var.db, pledge.id);
  return svg(c, badgeSvg(messages(lang).siteName, badgeValue(lang, individuals)));
});

sharePages.get('/embed/:slug', async (c) => {
  const d = c.var.db;
  const pledge = await publicPledge(c);
  if (!pledge) return notFoundPage(c);
  const lang = c.get('lang');
  const [texts, counts] = await Promise.all([getCurrentTexts(d, pledge.id), getCounts(d, pledge.id)]);
  const title = pickText(texts, lang, pledge.defaultLang)?.title ?? pledge.slug;
  const url = `${baseUrl(c)}/p/${pledge.slug}?lang=${lang}`;
  return c.html(
    <EmbedPage
      lang={lang}
      slug={pledge.slug}
      title={title}
      individuals={counts.individuals}
      individualsLabel={individualsLabel(pledge, lang)}
      societies={counts.societies}
      url={url}
    />,
  );
});

// /og/<slug>.<lang>.png is a static asset (scripts/og-images.ts) for the pledges the build
// knew; a request reaches the Worker only when there is no such file, e.g. for a pledge
// made in the console since: it gets the generic image of its language (served, not
// redirected, so crawlers that do not follow redirects still get an image).
sharePages.get('/og/:file', publicCache(3600, 86400), async (c) => {
  const asked = parseOgFile(c.req.param('file'));
  if (!asked) return notFoundPage(c);
  const pledge = await getPledgeBySlug(c.var.db, asked.slug);
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  const generic = await c.env.ASSETS.fetch(new URL(ogImagePath(OG_GENERIC, asked.lang), c.req.url));
  if (!generic.ok) return notFoundPage(c);
  return c.body(await generic.arrayBuffer(), 200, { 'content-type': 'image/png' });
});
