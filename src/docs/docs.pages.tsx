import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { ApiDocsPage } from './ApiDocsPage.tsx';
import { openApiDocument } from './docs.ts';

export const docsPages = new Hono<AppEnv>();

// The readable API page, rendered from the OpenAPI document (linked from the footer).
docsPages.get('/docs/api', (c) => c.html(<ApiDocsPage lang={c.get('lang')} doc={openApiDocument()} origin={baseUrl(c)} />));
docsPages.get('/api', (c) => c.redirect('/docs/api', 302));
