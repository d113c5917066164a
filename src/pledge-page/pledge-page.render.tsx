import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cachedCounts } from '../counts/counts.cache.ts';
import { config } from '../platform/config.ts';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { isLang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { Memo, readCacheMs } from '../platform/memo.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import type { Counts } from '../pledges/counters.queries.ts';
import { cachedPledge, cachedSocieties, cachedTexts } from '../pledges/pledges.cache.ts';
import { type EndorsingSociety, getCurrentTexts, getPledgeBySlug, listEndorsingSocieties, pickText } from '../pledges/pledges.queries.ts';
import { type Pledge, type PledgeText, signingClosedReason } from '../pledges/pledges.ts';
import { UpdatesList } from '../updates/UpdatesList.tsx';
import { cachedUpdates } from '../updates/updates.cache.ts';
import type { PledgeUpdate } from '../updates/updates.ts';
import { PledgePage } from './PledgePage.tsx';
import { PrivacyNote } from './PrivacyNote.tsx';
import { SignErrorSummary, SignForm } from './SignForm.tsx';

export type FormState = { values?: Record<string, string>; errors?: Record<string, string> };

// Rendered public pages (no form state), per pledge, language, origin and counts
// version, for READ_CACHE_MS: a warm isolate answers a busy pledge page from memory.
const renderedPages = new Memo<string, string>(200);

// Loads and renders a pledge page; the sign handler reuses it to show the form again
// with errors and the entered values.
export async function renderPledgePage(c: Context<AppEnv>, slug: string, form: FormState = {}, status: ContentfulStatusCode = 200, opts: { preview?: boolean } = {}) {
  const d = c.var.db;
  // Organiser previews read fresh; public views may come from the short read cache.
  const pledge = opts.preview ? await getPledgeBySlug(d, slug) : await cachedPledge(c.env, slug);
  // A draft is shown only as an organiser's preview (behind /admin).
  if (!pledge || (pledge.status === 'draft' && !opts.preview)) return notFoundPage(c);
  const lang = c.get('lang');
  const [texts, counts, societies, updates] = await Promise.all([
    opts.preview ? getCurrentTexts(d, pledge.id) : cachedTexts(c.env, pledge.id),
    cachedCounts(c.env, pledge.id),
    opts.preview ? listEndorsingSocieties(d, pledge.id) : cachedSocieties(c.env, pledge.id),
    cachedUpdates(c.env, pledge.id),
  ]);
  const text = pickText(texts, lang, pledge.defaultLang);
  if (!text) return notFoundPage(c);
  const url = `${baseUrl(c)}/p/${pledge.slug}`;
  const render = () => pledgePageHtml(c, { pledge, text, counts, societies, updates, form, url });
  if (opts.preview || form.values || form.errors || status !== 200) return c.html(render(), status);
  const key = [pledge.slug, lang, url, text.version, counts.updatedAt, counts.individuals, counts.societies, updates.length, updates[0]?.id ?? 0].join('|');
  return c.html(await renderedPages.get(key, readCacheMs(c.env), async () => String(await render())));
}

type PageData = { pledge: Pledge; text: PledgeText; counts: Counts; societies: EndorsingSociety[]; updates: PledgeUpdate[]; form: FormState; url: string };

function pledgePageHtml(c: Context<AppEnv>, { pledge, text, counts, societies, updates, form, url }: PageData) {
  const lang = c.get('lang');
  const closed = signingClosedReason(pledge, Date.now());
  const formPart = closed ? (
    <p class="card" id="sign">
      {messages(lang)[closed]}
    </p>
  ) : (
    <SignForm
      lang={lang}
      slug={pledge.slug}
      version={text.version}
      values={form.values}
      errors={form.errors}
      turnstileSiteKey={c.env.TURNSTILE_SITE_KEY}
      orcidStart={config(c.env).orcid.clientId ? `/auth/orcid/start?pledge=${encodeURIComponent(pledge.slug)}` : undefined}
    />
  );
  const withNote = (
    <>
      {formPart}
      <PrivacyNote lang={lang} pledge={pledge} />
    </>
  );
  const fallback = isLang(pledge.defaultLang) ? pledge.defaultLang : lang;
  const updatesPart = <UpdatesList lang={lang} fallback={fallback} updates={updates} />;
  const summary = !closed && form.errors && Object.keys(form.errors).length > 0 ? <SignErrorSummary lang={lang} errors={form.errors} /> : undefined;
  return (
    <PledgePage
      lang={lang}
      pledge={pledge}
      text={text}
      counts={counts}
      societies={societies}
      form={withNote}
      errorSummary={summary}
      updates={updatesPart}
      url={url}
      now={Date.now()}
    />
  );
}
