import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson, BEARER } from '../support/admin.ts';
import { request } from '../support/app.ts';

// The organisers' API validates its bodies and ids with the schemas its OpenAPI
// document shows (src/admin/admin.input.ts), not by hand.
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe('organiser API request schemas', () => {
  it('the reject body: a reason of 1-1000 characters, as documented', async () => {
    const doc = (await (await request('/api/openapi.json')).json()) as Record<string, any>;
    const documented = doc.paths['/api/admin/endorsements/{id}/reject'].post.requestBody.content['application/json'].schema;
    expect(documented.required).toEqual(['reason']);
    expect(documented.properties.reason).toMatchObject({ type: 'string', minLength: 1, maxLength: 1000 });

    // Refused before the endorsement is even looked up: any id will do.
    const id = 1;
    const before = await env.DB.prepare('SELECT state FROM endorsements WHERE id = ?1').bind(id).first<{ state: string }>();
    const cases: [unknown, string][] = [
      [{}, 'required'],
      [{ reason: '   ' }, 'required'],
      [{ reason: 5 }, 'invalid'],
      [{ reason: null }, 'required'],
      [{ reason: 'x'.repeat(1001) }, 'tooLong'],
    ];
    for (const [body, code] of cases) {
      const res = await adminJson(`/api/admin/endorsements/${id}/reject`, { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      const json = (await res.json()) as ErrorBody;
      expect(json.error.code).toBe('validation_failed');
      expect(json.error.fields).toEqual({ reason: code });
    }
    // Not JSON, or not an object: the usual error shape.
    const text = await request(`/api/admin/endorsements/${id}/reject`, { method: 'POST', headers: { ...BEARER, 'content-type': 'text/plain' }, body: 'reason=x' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).error.code).toBe('unsupported_media_type');
    const broken = await request(`/api/admin/endorsements/${id}/reject`, { method: 'POST', headers: { ...BEARER, 'content-type': 'application/json' }, body: '{"reason":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBe('invalid_json');
    // The refused requests changed nothing.
    expect(await env.DB.prepare('SELECT state FROM endorsements WHERE id = ?1').bind(id).first<{ state: string }>()).toEqual(before);
  });

  it('ids are positive integers: anything else is 400, an unknown one 404', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '1e3', 'Infinity', '9'.repeat(20)]) {
      const res = await adminJson(`/api/admin/endorsements/${id}`);
      expect(res.status, id).toBe(400);
      expect(((await res.json()) as ErrorBody).error.fields).toHaveProperty('id');
    }
    expect((await adminJson('/api/admin/endorsements/999999999')).status).toBe(404);
    expect((await adminJson('/api/admin/signatures/abc/hide', { body: {} })).status).toBe(400);
  });

  it('the queue states are the documented enum, from the endorsement state constants', async () => {
    const { QUEUE_STATES } = await import('../../src/endorsements/endorsements.ts');
    const doc = (await (await request('/api/openapi.json')).json()) as Record<string, any>;
    const state = doc.paths['/api/admin/endorsements'].get.parameters.find((p: { name: string }) => p.name === 'state');
    expect(state.schema.enum).toEqual(Object.keys(QUEUE_STATES));
    for (const s of Object.keys(QUEUE_STATES)) expect((await adminJson(`/api/admin/endorsements?state=${s}`)).status).toBe(200);
  });
});
