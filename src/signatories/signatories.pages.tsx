import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { pageQuery } from '../platform/http/query.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { getCurrentTexts, getPledgeBySlug, pickText } from '../pledges/pledges.queries.ts';
import { SignatoriesPage } from './SignatoriesPage.tsx';
import { signatoriesQuery } from './signatories.input.ts';
import { listSignatories } from './signatories.queries.ts';
import { encodeCursor } from './signatories.ts';

export const signatoriesPages = new Hono<AppEnv>();

const PAGE_SIZE = 100;

signatoriesPages.get('/p/:slug/signatories', async (c) => {
  const d = c.var.db;
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  const lang = c.get('lang');
  const { q = '', cursor = null, level } = pageQuery(c, signatoriesQuery.pick({ q: true, cursor: true, level: true }));
  const [texts, page] = await Promise.all([getCurrentTexts(d, pledge.id), listSignatories(c.env.DB, pledge.id, { q: q || undefined, cursor, limit: PAGE_SIZE, level })]);
  const last = page.rows.at(-1);
  const title = pickText(texts, lang, pledge.defaultLang)?.title ?? pledge.slug;
  return c.html(
    <SignatoriesPage lang={lang} slug={pledge.slug} title={title} q={q} level={level ?? ''} items={page.rows} nextCursor={page.more && last ? encodeCursor(last) : null} />,
  );
});
