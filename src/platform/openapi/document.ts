import { z } from 'zod';
import type { ApiOperation } from './operation.ts';

type Json = Record<string, unknown>;

// /api/pledges/:slug -> /api/pledges/{slug}
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function pointAtComponents(json: Json): Json {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'));
}

// Converts a zod schema to JSON Schema (2020-12, which OpenAPI 3.1 uses), moving named
// schemas into components and pointing the references there.
function converter(components: Record<string, Json>) {
  return (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    for (const [id, def] of Object.entries(defs)) components[id] ??= pointAtComponents(def);
    return pointAtComponents(json);
  };
}

function parameters(op: ApiOperation, toJson: ReturnType<typeof converter>): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [['path', op.params], ['query', op.query]] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      const s = toJson(field as z.ZodType, 'input');
      const description = s.description;
      delete s.description;
      const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
      out.push({ name, in: where, required, ...(description ? { description } : {}), schema: s });
    }
  }
  return out;
}

export type DocumentInfo = { title: string; version: string; description: string; serverUrl?: string };

// The OpenAPI 3.1 document for the given operations.
export function buildOpenApiDocument(operations: readonly ApiOperation[], info: DocumentInfo): Json {
  const components: Record<string, Json> = {};
  const toJson = converter(components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const responses: Json = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
        ...(r.schema || r.contentType
          ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema ? toJson(r.schema, 'output') : { type: 'string' } } } }
          : {}),
      };
    }
    const params = parameters(op, toJson);
    paths[openApiPath(op.path)] ??= {};
    paths[openApiPath(op.path)]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(op.body, 'input') } } } } : {}),
      responses,
      ...(op.admin ? { security: [{ adminToken: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.1',
    info: { title: info.title, version: info.version, description: info.description, license: { name: 'MIT', identifier: 'MIT' } },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      schemas: components,
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ADMIN_TOKEN>' } },
    },
  };
}
