import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { docsWords } from '../../src/docs/docs.messages.ts';
import { app } from '../../src/index.ts';
import { buildOpenApiDocument, openApiPath } from '../../src/platform/openapi/document.ts';
import { json, request } from '../support/app.ts';

type Json = Record<string, any>;

// Every method+path an app routes under /api/ (middleware entries are method ALL).
function apiRoutes(of: Hono<any, any, any>): string[] {
  const routes = of.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
  return [...new Set(routes)].sort();
}

const appApiRoutes = () => apiRoutes(app);

// Routes the app serves that the document does not declare (a plain .get(), a hidden
// createRoute), and declarations the app does not serve.
function undeclared(of: Hono<any, any, any>, doc: Json) {
  const declared = documented(doc);
  const routed = apiRoutes(of);
  return { routed: routed.filter((r) => !declared.includes(r)), declared: declared.filter((r) => !routed.includes(r)) };
}

function documented(doc: Json): string[] {
  return Object.entries(doc.paths as Record<string, Json>)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
    .sort();
}

// Resolves a local JSON pointer (#/a/b) in the document.
function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node === undefined ? undefined : node[key]), doc);
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 with the required fields', async () => {
    const { status, body: doc, res } = await json('/api/openapi.json');
    expect(status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(5);
  });

  it('documents every /api route in the app, and nothing else', async () => {
    const { body: doc } = await json('/api/openapi.json');
    const routes = appApiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(documented(doc)).toEqual(routes);
  });

  it('fails when a route is registered without a declaration', () => {
    // The check itself, on a small app: one declared route, one plain and one hidden.
    const sub = new OpenAPIHono().basePath('/api');
    const params = z.object({ id: z.string() });
    sub.openapi(createRoute({ method: 'get', path: '/things/{id}', request: { params }, responses: { 200: { description: 'ok' } } }), (c) => c.text('ok'));
    sub.openapi(createRoute({ method: 'post', path: '/things', hide: true, responses: { 200: { description: 'ok' } } }), (c) => c.text('ok'));
    sub.get('/plain', (c) => c.text('ok'));
    const small = new Hono().route('/', sub);
    const doc = buildOpenApiDocument(sub, { title: 't', version: '1', description: 'd' });
    expect(undeclared(small, doc)).toEqual({ routed: ['get /api/plain', 'post /api/things'], declared: [] });
  });

  it('declares every route the app serves under /api', async () => {
    const { body: doc } = await json('/api/openapi.json');
    expect(undeclared(app, doc)).toEqual({ routed: [], declared: [] });
  });

  it('resolves every $ref and declares every path parameter', async () => {
    const { body: doc } = await json('/api/openapi.json');
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) expect(resolve(doc, ref), ref).toBeDefined();
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Json>)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(methods) as Json[]) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const r of Object.values(op.responses) as Json[]) expect(typeof r.description).toBe('string');
        const declared = (op.parameters ?? [])
          .filter((p: Json) => p.in === 'path')
          .map((p: Json) => p.name)
          .sort();
        expect(declared, path).toEqual(templated);
        for (const p of op.parameters ?? []) if (p.in === 'path') expect(p.required).toBe(true);
      }
    }
  });

  it('describes request bodies from the schemas the routes validate with', async () => {
    const { body: doc } = await json('/api/openapi.json');
    const sign = doc.paths['/api/pledges/{slug}/signatures'].post.requestBody.content['application/json'].schema;
    expect(sign.required.sort()).toEqual(['affiliation', 'email', 'field', 'name', 'region']);
    expect(sign.additionalProperties).toBe(false);
    expect(sign.properties.field.enum).toEqual(['science', 'engineering', 'agriculture', 'medicine', 'interdisciplinary', 'other']);
    const list = doc.paths['/api/pledges/{slug}/signatories'].get.parameters.map((p: Json) => p.name);
    expect(list).toEqual(['slug', 'q', 'cursor', 'limit', 'level']);
  });

  it('has a readable API page linked from the footer', async () => {
    const page = await (await request('/p/cast-2020?lang=en')).text();
    expect(page).toContain('<a href="/docs/api">');
    const res = await request('/docs/api?lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const route of appApiRoutes()) {
      const [method, path] = route.split(' ');
      expect(html).toContain(`${method!.toUpperCase()} ${path}`);
    }
    expect((await request('/api')).headers.get('location')).toBe('/docs/api');
  });

  it('speaks all three languages, naming every operation in Chinese (issue 18)', async () => {
    const { body: doc } = await json<Json>('/api/openapi.json');
    const ids = Object.values(doc.paths as Record<string, Json>).flatMap((methods) => Object.values(methods).map((op: Json) => String(op.operationId)));
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      const words = docsWords(lang);
      expect(ids.filter((id) => !words.summaries[id])).toEqual([]);
      expect(Object.keys(words.tags).sort()).toEqual(
        [...new Set(Object.values(doc.paths as Record<string, Json>).flatMap((m) => Object.values(m).flatMap((op: Json) => op.tags as string[])))].sort(),
      );
    }
    const zh = await (await request('/docs/api?lang=zh-Hans')).text();
    expect(zh).toContain('<h2>开放数据</h2>');
    expect(zh).toContain('<h2>签名</h2>');
    expect(zh).toContain('签名支持一项倡议（随后发送确认邮件） <span lang="en">(Sign a pledge (a confirmation mail follows))</span>');
    expect(zh).toContain('<th scope="col">类型</th>');
    const hant = await (await request('/docs/api?lang=zh-Hant')).text();
    expect(hant).toContain('<h2>開放資料</h2>');
    expect(hant).toContain('<h2>嵌入到其他網站</h2>');
  });
});
