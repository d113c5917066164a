import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { ApiDocsPage } from './ApiDocsPage.tsx';
import type { OpenApiDocument } from './docs.ts';

// The readable API page, rendered from the OpenAPI document (linked from the footer).
export function docsPages(document: OpenApiDocument) {
  const pages = new Hono<AppEnv>();
  pages.get('/docs/api', (c) => c.html(<ApiDocsPage lang={c.get('lang')} doc={document()} origin={baseUrl(c)} />));
  pages.get('/api', (c) => c.redirect('/docs/api', 302));
  return pages;
}
