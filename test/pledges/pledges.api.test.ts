import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { textVersion } from '../../src/pledges/pledges.ts';
import { json } from '../support/app.ts';

describe('pledges API', () => {
  it('lists public pledges', async () => {
    const { status, body } = await json('/api/pledges');
    expect(status).toBe(200);
    expect(body.items.map((p: { slug: string }) => p.slug)).toContain('cast-2020');
  });

  it('gives a pledge with its texts in three languages, each with a content hash', async () => {
    const { status, body } = await json('/api/pledges/cast-2020');
    expect(status).toBe(200);
    expect(body.status).toBe('open');
    expect(body.texts.map((t: { lang: string }) => t.lang).sort()).toEqual(['en', 'zh-Hans', 'zh-Hant']);
    for (const t of body.texts) {
      expect(t.version).toMatch(/^[0-9a-f]{64}$/);
      // The hash the seed script computed in Node equals the Worker's own computation.
      expect(await textVersion(t)).toBe(t.version);
    }
    expect(body.counts).toMatchObject({ individuals: 0, societies: 171 });
  });

  it('answers unknown pledges and routes with the error object', async () => {
    const { status, body } = await json('/api/pledges/nope');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect((await json('/api/nothing-here')).body.error.code).toBe('not_found');
  });
});

describe('counts API and seeding', () => {
  it('starts at 0 individuals and 171 societies', async () => {
    const { status, body } = await json('/api/pledges/cast-2020/counts');
    expect(status).toBe(200);
    expect(body).toMatchObject({ individuals: 0, societies: 171 });
    expect(typeof body.updatedAt).toBe('number');
  });

  it('seeding twice changes nothing', async () => {
    const snapshot = async () => {
      const tables = ['pledges', 'pledge_texts', 'societies', 'endorsements', 'counters'];
      const out: Record<string, unknown> = {};
      for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()).results;
      return out;
    };
    const before = await snapshot();
    await env.DB.batch(env.TEST_SEED.map((sql) => env.DB.prepare(sql)));
    expect(await snapshot()).toEqual(before);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM societies').first())?.n).toBe(171);
  });
});
