import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, request } from '../support/app.ts';
import { confirm, sign } from '../support/signers.ts';

// 14 confirmed signatures: fields science 6, engineering 5, medicine 2, agriculture 1;
// regions CN-BJ 6, CN-SH 5, CN-GD 3; societies 1 (6 members), 3 (5), 2 (1).
const plan = [
  ...Array.from({ length: 6 }, () => ({ field: 'science', region: 'CN-BJ', society: 1 })),
  ...Array.from({ length: 5 }, () => ({ field: 'engineering', region: 'CN-SH', society: 3 })),
  { field: 'medicine', region: 'CN-GD', society: 2 },
  { field: 'medicine', region: 'CN-GD', society: null },
  { field: 'agriculture', region: 'CN-GD', society: null },
];

beforeAll(async () => {
  for (const p of plan) {
    const { email, confirm: token } = await sign({ field: p.field, region: p.region });
    if (p.society) await env.DB.prepare('UPDATE signatures SET society_id = ?1 WHERE email = ?2').bind(p.society, email).run();
    await confirm(token);
  }
});

const byKey = (groups: Array<{ key: string }>) => Object.fromEntries(groups.map((g) => [g.key, g]));

describe('stats API', () => {
  it('breaks confirmed signatures down by field, suppressing groups under 5', async () => {
    const { status, body } = await json('/api/pledges/cast-2020/stats?lang=en');
    expect(status).toBe(200);
    expect(body.individuals).toBe(14);
    expect(body.minGroupSize).toBe(5);
    expect(byKey(body.byField)).toEqual({
      science: { key: 'science', label: 'Science', count: 6, suppressed: false },
      engineering: { key: 'engineering', label: 'Engineering', count: 5, suppressed: false },
      '*': { key: '*', label: 'Other groups (each fewer than 5)', count: null, suppressed: true },
    });
  });

  it('suppresses a second region when only one is small', async () => {
    const { body } = await json('/api/pledges/cast-2020/stats?lang=zh-Hans');
    expect(body.byRegion).toEqual([
      { key: 'CN-BJ', label: '北京', count: 6, suppressed: false },
      { key: '*', label: '其他组别（每组少于 5）', count: null, suppressed: true },
    ]);
  });

  it('breaks down by society membership where given, with names', async () => {
    const { body } = await json('/api/pledges/cast-2020/stats?lang=zh-Hans');
    expect(body.bySociety).toHaveLength(2);
    expect(body.bySociety[0]).toMatchObject({ key: '1', count: 6, suppressed: false });
    expect(body.bySociety[0].label).toMatch(/^中国/);
    expect(body.bySociety[1]).toMatchObject({ key: '*', count: null, suppressed: true });
  });

  it('gives hourly and daily series that add up to today’s confirmations', async () => {
    const { body } = await json('/api/pledges/cast-2020/stats');
    expect(body.perHour).toHaveLength(48);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.perDay.at(-1)).toEqual({ bucket: today, count: 14 });
    expect(body.perHour.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(14);
    expect(body.perHour.at(-1).bucket).toBe(new Date().toISOString().slice(0, 13));
  });

  it('is cacheable with an ETag', async () => {
    const res = await request('/api/pledges/cast-2020/stats');
    const again = await request('/api/pledges/cast-2020/stats', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('draws the statistics page as bars and SVG columns with tables and no script', async () => {
    const res = await request('/p/cast-2020/stats?lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    // Four breakdowns (field, region, society, verification level) as HTML bar rows, two
    // time series as SVG without a viewBox (not scaled).
    expect(html.match(/<div class="bars"/g)?.length).toBe(4);
    expect(html.match(/<svg class="chart"/g)?.length).toBe(2);
    expect(html).not.toMatch(/<svg class="chart"[^>]*viewBox/);
    expect(html).toContain('fewer than 5');
    expect(html).toContain('<td>Science</td><td class="n">6</td>');
    expect(html).not.toMatch(/<script/);
    expect(html).not.toContain('@example.edu');
  });
});
