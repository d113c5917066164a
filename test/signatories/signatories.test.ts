import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell, decodeCursor, encodeCursor } from '../../src/signatories/signatories.ts';
import { json, request } from '../support/app.ts';
import { sign, signAndConfirm } from '../support/signers.ts';

const emails: string[] = [];

beforeAll(async () => {
  // Listed: 7 consenting signers (one with a formula-looking name), confirmed in order.
  for (let i = 1; i <= 6; i++) emails.push((await signAndConfirm({ name: `Listed Person ${i}`, affiliation: i % 2 ? 'Peking University' : 'Fudan 大学', public: true })).email);
  emails.push((await signAndConfirm({ name: '=HYPERLINK("x")', affiliation: '@SUM(1+1)', public: true })).email);
  // Never listed: no consent; consent but hidden by an organiser; consent but unconfirmed.
  emails.push((await signAndConfirm({ name: 'Private Person', public: false })).email);
  const { email: hidden } = await signAndConfirm({ name: 'Hidden Person', public: true });
  await env.DB.prepare('UPDATE signatures SET hidden = 1 WHERE email = ?1').bind(hidden).run();
  emails.push(hidden);
  emails.push((await sign({ name: 'Pending Person', public: true })).email);
});

describe('signatories API', () => {
  it('lists consenting, confirmed, visible signers only, newest day first and by name within a day, without emails', async () => {
    const res = await request('/api/pledges/cast-2020/signatories');
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const e of emails) expect(text).not.toContain(e);
    expect(text).not.toMatch(/@example\.edu|"email"/);
    const body = JSON.parse(text);
    const names = body.items.map((s: { name: string }) => s.name);
    // All confirmed today: by name, not by who confirmed first (so the list cannot be
    // matched to the public log by order); times are whole days.
    expect(names).toEqual(['=HYPERLINK("x")', ...[1, 2, 3, 4, 5, 6].map((i) => `Listed Person ${i}`)]);
    for (const s of body.items) expect(s.confirmedAt % 86_400_000).toBe(0);
    expect(Object.keys(body.items[0]).sort()).toEqual(['affiliation', 'confirmedAt', 'field', 'name', 'orcid', 'orcidClaimed', 'verification']);
    expect(body.nextCursor).toBeNull();
  });

  it('pages with an opaque cursor', async () => {
    const first = await json('/api/pledges/cast-2020/signatories?limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await json(`/api/pledges/cast-2020/signatories?limit=3&cursor=${first.body.nextCursor}`);
    const third = await json(`/api/pledges/cast-2020/signatories?limit=3&cursor=${second.body.nextCursor}`);
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((s: { name: string }) => s.name);
    expect(new Set(all).size).toBe(7);
    expect(third.body.nextCursor).toBeNull();
    expect((await json('/api/pledges/cast-2020/signatories?cursor=!!')).status).toBe(400);
    expect((await json('/api/pledges/cast-2020/signatories?limit=1000')).status).toBe(400);
  });

  it('searches names and affiliations, treating LIKE wildcards literally', async () => {
    const pku = await json('/api/pledges/cast-2020/signatories?q=peking');
    expect(pku.body.items).toHaveLength(3);
    const fudan = await json(`/api/pledges/cast-2020/signatories?q=${encodeURIComponent('大学')}`);
    expect(fudan.body.items).toHaveLength(3);
    expect((await json('/api/pledges/cast-2020/signatories?q=%25')).body.items).toHaveLength(0);
    expect((await json('/api/pledges/cast-2020/signatories?q=Private')).body.items).toHaveLength(0);
  });

  it('downloads the public list as CSV with formulas neutralised', async () => {
    const res = await request('/api/pledges/cast-2020/signatories.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const csv = await res.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('name,affiliation,field,confirmed_at,verification,orcid,orcid_claimed');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)","'@SUM\(1\+1\)","science","\d{4}-/);
    for (const e of emails) expect(csv).not.toContain(e);
    expect(csv).not.toMatch(/Private Person|Hidden Person|Pending Person/);
  });

  it('downloads the public list as a JSON array', async () => {
    const res = await request('/api/pledges/cast-2020/signatories.json');
    const list = (await res.json()) as Array<{ name: string }>;
    expect(list).toHaveLength(7);
    expect(JSON.stringify(list)).not.toMatch(/@example\.edu/);
  });

  it('shows a signer wall page with search and download links', async () => {
    const html = await (await request('/p/cast-2020/signatories?lang=en&q=Peking')).text();
    expect(html).toContain('<td>Listed Person 5</td>');
    expect(html).not.toContain('Listed Person 2');
    expect(html).toContain('href="/api/pledges/cast-2020/signatories.csv"');
    expect(html).not.toContain('@example.edu');
  });
});

describe('signatory helpers', () => {
  it('neutralises formula cells and quotes every cell', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('@a')).toBe(`"'@a"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('a "b"')).toBe('"a ""b"""');
  });

  it('round-trips cursors and rejects junk', () => {
    expect(decodeCursor(encodeCursor({ confirmedAt: 1795910400000, name: '李 "x"', id: 42 }))).toEqual({ confirmedAt: 1795910400000, name: '李 "x"', id: 42 });
    expect(decodeCursor('bm9wZQ')).toBeNull();
  });
});
