import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../src/admin/csv.ts';
import { adminJson, seedSignatures } from '../support/admin.ts';
import { request } from '../support/app.ts';

describe('CSV export', () => {
  it('neutralises cells beginning with = + - @ tab or CR, and quotes what needs quoting', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutralise('+1')).toBe(`'+1`);
    expect(neutralise('-2+3')).toBe(`'-2+3`);
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralise('\tx')).toBe(`'\tx`);
    expect(neutralise('\rx')).toBe(`'\rx`);
    expect(neutralise('a=b')).toBe('a=b');
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }])).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n');
  });

  it('exports signatures with formula cells neutralised, for organisers only', async () => {
    await seedSignatures('cast-2020', [
      { state: 'confirmed', name: '=cmd|"/c calc"!A1', affiliation: '@SUM(1+1)' },
      { state: 'pending', name: '+Plus', affiliation: '-Minus' },
    ]);
    expect((await request('/api/admin/export/signatures.csv')).status).toBe(401);
    const res = await adminJson('/api/admin/export/signatures.csv?pledge=cast-2020');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="signatures-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read Chinese names correctly.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,pledge,state,name,email,affiliation,title,orcid,verification,field,region,public,hidden,textVersion,lang,emailDomain,ipHash,createdAt,confirmedAt,withdrawnAt,invalidatedAt',
    );
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).toContain(`,'@SUM(1+1),`);
    expect(csv).toContain(`,'+Plus,`);
    expect(csv).toContain(`,'-Minus,`);
    // No cell of any row starts with a formula character.
    for (const line of lines.slice(1).filter(Boolean)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE action = 'export.signatures'`).first();
    expect(audit).not.toBeNull();
  });

  it('exports endorsements, founders included, contact cells neutralised', async () => {
    const pledge = await env.DB.prepare(`SELECT id FROM pledges WHERE slug = 'cast-2020'`).first<{ id: number }>();
    const society = await env.DB.prepare(`INSERT INTO societies (name_en, category) VALUES ('=Formula Society', 'other') RETURNING id`).first<{ id: number }>();
    await env.DB.prepare(`INSERT INTO endorsements (pledge_id, society_id, state, contact_name, contact_email) VALUES (?1, ?2, 'confirmed', '+Contact', 'c@f.example')`)
      .bind(pledge!.id, society!.id)
      .run();
    const csv = await (await adminJson('/api/admin/export/endorsements.csv')).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 171 + 1);
    expect(csv).toContain(`'=Formula Society`);
    expect(csv).toContain(`'+Contact`);
    expect(csv).toContain('中国数学会');
  });
});
