import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { messages } from '../platform/i18n/messages.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { PledgePage } from './PledgePage.tsx';
import { SignForm } from './SignForm.tsx';
import { signingClosedReason } from '../pledges/pledges.ts';
import { cachedPledge, cachedTexts } from '../pledges/pledges.cache.ts';
import { getCurrentTexts, getPledgeBySlug, listEndorsingSocieties, pickText } from '../pledges/pledges.queries.ts';
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

