import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';
import { ORIGIN, postJson, request } from '../support/app.ts';
import { lastMailTo, linkTokenFrom } from '../support/mail.ts';
import { counts } from '../support/signers.ts';

const submit = (name: string, email: string, website: string, ip: string) =>
  postJson(
    '/api/pledges/cast-2020/endorsements',
    { name, website, category: 'science', contactName: 'Li Wei', contactRole: 'Secretary-General', email },
    { 'cf-connecting-ip': ip },
  );

const confirm = (token: string) => request(`/endorse/confirm/${token}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } });

async function publicNames(): Promise<{ names: string[]; items: { name: Record<string, string | null>; founding: boolean }[]; body: string }> {
  const res = await request('/api/pledges/cast-2020/endorsements');
  const body = await res.text();
  const items = (JSON.parse(body) as { items: { name: Record<string, string | null>; founding: boolean }[] }).items;
  return { names: items.map((i) => i.name['zh-Hans'] ?? i.name.en ?? ''), items, body };
}

describe('endorsement review', () => {
  it('goes from submission through email confirmation and verification to the public list and the total', async () => {
    expect((await counts()).societies).toBe(171);
    expect((await submit('中国审核流程学会', 'lw@review-flow.org.cn', 'review-flow.org.cn', '10.1.0.1')).status).toBe(202);

    // Unconfirmed: not yet in the organisers' queue ("pending" = awaiting the organiser).
    const queued = async () => ((await (await adminJson('/api/admin/endorsements?state=pending')).json()) as { items: { id: number; nameHans: string }[] }).items;
    expect((await queued()).some((i) => i.nameHans === '中国审核流程学会')).toBe(false);
    const unconfirmed = (await (await adminJson('/api/admin/endorsements?state=unconfirmed')).json()) as { items: { id: number; nameHans: string }[] };
    expect(unconfirmed.items.some((i) => i.nameHans === '中国审核流程学会')).toBe(true);

    expect((await confirm(await linkTokenFrom('lw@review-flow.org.cn', '/endorse/confirm/'))).status).toBe(200);
    const item = (await queued()).find((i) => i.nameHans === '中国审核流程学会');
    expect(item).toMatchObject({ contactEmail: 'lw@review-flow.org.cn', emailMatchesWebsite: true, state: 'confirmed' });
    // Confirmed but not verified: still off the public list and the total.
    expect((await publicNames()).names).not.toContain('中国审核流程学会');
    expect((await counts()).societies).toBe(171);

    const verified = await adminJson(`/api/admin/endorsements/${item!.id}/verify`, { body: {} });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { status: string }).status).toBe('verified');
    expect((await counts()).societies).toBe(172);

    const pub = await publicNames();
    expect(pub.names).toHaveLength(172);
    // Founders first in seed order, then the newcomer, not founding; no contact data.
    expect(pub.names[0]).toBe('中国数学会');
    expect(pub.names.at(-1)).toBe('中国审核流程学会');
    expect(pub.items.at(-1)!.founding).toBe(false);
    expect(pub.items[0]!.founding).toBe(true);
    expect(pub.body).not.toContain('@');
    expect(pub.body).not.toContain('Li Wei');

    const html = await (await request('/p/cast-2020')).text();
    expect(html).toMatch(/data-count="societies" data-value="172">172</);
    expect(html).toContain('<li>中国审核流程学会</li>');

    expect((await lastMailTo('lw@review-flow.org.cn'))?.subject).toBe('学会联合倡议已核实');
    const audit = await env.DB.prepare(`SELECT actor, action, target FROM audit_log WHERE action = 'endorsement.verify' ORDER BY id DESC LIMIT 1`).first();
    expect(audit).toEqual({ actor: 'api-token', action: 'endorsement.verify', target: `endorsement:${item!.id}` });

    // Verifying twice changes nothing.
    expect((await adminJson(`/api/admin/endorsements/${item!.id}/verify`, { body: {} })).status).toBe(409);
    expect((await counts()).societies).toBe(172);
  });

  it('keeps a rejected endorsement off the list and the total, and tells the contact why', async () => {
    const before = (await counts()).societies;
    await submit('Society for Rejected Tests', 'x@rejected-tests.org', 'rejected-tests.org', '10.1.0.2');
    await confirm(await linkTokenFrom('x@rejected-tests.org', '/endorse/confirm/'));
    const { items } = (await (await adminJson('/api/admin/endorsements?state=pending')).json()) as { items: { id: number; nameEn: string }[] };
    const item = items.find((i) => i.nameEn === 'Society for Rejected Tests')!;

    expect((await adminJson(`/api/admin/endorsements/${item.id}/reject`, { body: {} })).status).toBe(400);
    const res = await adminJson(`/api/admin/endorsements/${item.id}/reject`, { body: { reason: 'Not a scientific society' } });
    expect(res.status).toBe(200);
    expect((await counts()).societies).toBe(before);
    expect((await publicNames()).items.some((i) => i.name.en === 'Society for Rejected Tests')).toBe(false);
    const mail = await lastMailTo('x@rejected-tests.org');
    expect(mail?.text).toContain('Not a scientific society');
    // A rejected one cannot then be verified.
    expect((await adminJson(`/api/admin/endorsements/${item.id}/verify`, { body: {} })).status).toBe(409);
    const rejected = (await (await adminJson('/api/admin/endorsements?state=rejected')).json()) as { items: { id: number; rejectReason: string }[] };
    expect(rejected.items.find((i) => i.id === item.id)?.rejectReason).toBe('Not a scientific society');
  });

  it('takes the verified society back off the total when an organiser rejects it later', async () => {
    await submit('Society for Second Thoughts', 'y@second-thoughts.org', 'second-thoughts.org', '10.1.0.3');
    await confirm(await linkTokenFrom('y@second-thoughts.org', '/endorse/confirm/'));
    const { items } = (await (await adminJson('/api/admin/endorsements?state=pending')).json()) as { items: { id: number; nameEn: string }[] };
    const id = items.find((i) => i.nameEn === 'Society for Second Thoughts')!.id;
    const before = (await counts()).societies;
    await adminJson(`/api/admin/endorsements/${id}/verify`, { body: {} });
    expect((await counts()).societies).toBe(before + 1);
    await adminJson(`/api/admin/endorsements/${id}/reject`, { body: { reason: 'Duplicate of an existing society' } });
    expect((await counts()).societies).toBe(before);
  });
});
