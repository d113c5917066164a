import { Hono } from 'hono';
import { db } from '../platform/db/client.ts';
import type { AppEnv } from '../platform/env.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { getCurrentTexts, getPledgeBySlug, pickText } from '../pledges/pledges.queries.ts';
import { SignatoriesPage } from './SignatoriesPage.tsx';
import { decodeCursor, encodeCursor } from './signatories.ts';
import { listSignatories } from './signatories.queries.ts';

export const signatoriesPages = new Hono<AppEnv>();

const PAGE_SIZE = 100;

signatoriesPages.get('/p/:slug/signatories', async (c) => {
  const d = db(c.env.DB);
  const pledge = await getPledgeBySlug(d, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  const lang = c.get('lang');
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const cursorParam = c.req.query('cursor');
  const cursor = cursorParam && cursorParam.length <= 2000 ? decodeCursor(cursorParam) : null;
  const [texts, page] = await Promise.all([getCurrentTexts(d, pledge.id), listSignatories(c.env.DB, pledge.id, { q: q || undefined, cursor, limit: PAGE_SIZE })]);
  const last = page.rows.at(-1);
  const title = pickText(texts, lang, pledge.defaultLang)?.title ?? pledge.slug;
  return c.html(
    <SignatoriesPage lang={lang} nonce={c.get('nonce')} slug={pledge.slug} title={title} q={q} items={page.rows} nextCursor={page.more && last ? encodeCursor(last) : null} />,
  );
});
