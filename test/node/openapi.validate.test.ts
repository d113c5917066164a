import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

// Validates the generated document against the official OpenAPI 3.1 JSON Schema.
// Runs in Node: the validator compiles schemas to code, which workerd does not allow.
// The document is generated from the route declarations (src/api.ts), which Node can
// import: only src/index.ts pulls in the Worker-only exports.
const specModule = '../../src/api.ts';

describe('OpenAPI document (Node)', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const { openApiDocument } = (await import(specModule)) as { openApiDocument: () => Record<string, unknown> };
    const doc = openApiDocument();
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document.
    const broken = { ...doc, paths: { '/x': { get: { responses: { 200: {} } } } } };
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });
});
