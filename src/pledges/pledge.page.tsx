import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { db } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { baseUrl } from '../http/client.ts';
import { messages } from '../i18n/messages.ts';
import { MessagePage } from '../views/MessagePage.tsx';
import { PledgePage } from '../views/PledgePage.tsx';
import { SignForm } from '../views/SignForm.tsx';
import { signingClosedReason } from './pledge.ts';
import { cachedPledge, cachedTexts } from './pledge.cache.ts';
import { getCurrentTexts, getPledgeBySlug, listEndorsingSocieties, pickText } from './pledges.queries.ts';
import { cachedCounts } from '../counts/counts.cache.ts';

export type FormState = { values?: Record<string, string>; errors?: Record<string, string> };

// Loads and renders a pledge page; the sign handler reuses it to show the form again
// with errors and the entered values.
export async function renderPledgePage(c: Context<AppEnv>, slug: string, form: FormState = {}, status: ContentfulStatusCode = 200, opts: { preview?: boolean } = {}) {
  const d = db(c.env.DB);
  // Organiser previews read fresh; public views may come from the short read cache.
  const pledge = opts.preview ? await getPledgeBySlug(d, slug) : await cachedPledge(c.env, slug);
  // A draft is shown only as an organiser's preview (behind /admin).
  if (!pledge || (pledge.status === 'draft' && !opts.preview)) return notFoundPage(c);
  const lang = c.get('lang');
  const [texts, counts, societies] = await Promise.all([
    opts.preview ? getCurrentTexts(d, pledge.id) : cachedTexts(c.env, pledge.id),
    cachedCounts(c.env, pledge.id),
    listEndorsingSocieties(d, pledge.id),
  ]);
  const text = pickText(texts, lang, pledge.defaultLang);
  if (!text) return notFoundPage(c);
  const closed = signingClosedReason(pledge, Date.now());
  const formPart = closed ? (
    <p class="card" id="sign">
      {messages(lang)[closed]}
    </p>
  ) : (
    <SignForm lang={lang} slug={pledge.slug} version={text.version} values={form.values} errors={form.errors} turnstileSiteKey={c.env.TURNSTILE_SITE_KEY} nonce={c.get('nonce')} />
  );
  const url = `${baseUrl(c)}/p/${pledge.slug}`;
  const page = (
    <PledgePage lang={lang} nonce={c.get('nonce')} pledge={pledge} text={text} counts={counts} societies={societies} form={formPart} url={url} now={Date.now()} />
  );
  return c.html(page, status);
}

export function notFoundPage(c: Context<AppEnv>) {
  const lang = c.get('lang');
  const t = messages(lang);
  return c.html(<MessagePage lang={lang} nonce={c.get('nonce')} path={c.req.path} title={t.notFoundTitle} body={t.notFoundBody} />, 404);
}
