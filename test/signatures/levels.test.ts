// Verification levels (issue 16) through the real paths: the sign API and form, the
// signature queue, the confirm link; then the counts API, the signer wall and its
// exports, the stats, the console's search and export, and organisers' domain rules.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../src/index.ts';
import { seal } from '../../src/platform/crypto/sealed.ts';
import { ORCID_PROOF_PURPOSE, orcidCheckDigit } from '../../src/signatures/orcid.ts';
import { adminJson } from '../support/admin.ts';
import { json, ORIGIN, postForm, request } from '../support/app.ts';
import { lastMailTo, tokenIn } from '../support/mail.ts';
import { appEnv } from '../support/queues.ts';
import { confirm, sign, signAndConfirm, signer, signJson } from '../support/signers.ts';

const SLUG = 'cast-2020';
let pledgeId = 0;

beforeAll(async () => {
  pledgeId = (await env.DB.prepare('SELECT id FROM pledges WHERE slug = ?1').bind(SLUG).first<{ id: number }>())!.id;
});

// A fresh valid ORCID iD (ISO 7064 check digit).
function newOrcid(): string {
  const base = Array.from({ length: 15 }, () => Math.floor(Math.random() * 10)).join('');
  const d = base + orcidCheckDigit(base);
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
}

// What the ORCID callback seals (src/orcid/orcid.pages.tsx), under the test secret.
const proofFor = (orcid: string, opts: { pledge?: number; ttl?: number; secret?: string } = {}) =>
  seal(opts.secret ?? env.SESSION_SECRET, ORCID_PROOF_PURPOSE, { pledgeId: opts.pledge ?? pledgeId, orcid, name: 'Li Lei' }, Date.now() + (opts.ttl ?? 60_000));

const level = async (email: string) =>
  (await env.DB.prepare('SELECT verification, orcid FROM signatures WHERE email = ?1').bind(email).first<{ verification: string; orcid: string | null }>())!;

type Item = { name: string; verification: string; orcid: string | null; orcidClaimed: boolean };
const wall = async (query = '') => (await json<{ items: Item[] }>(`/api/pledges/${SLUG}/signatories?limit=100${query}`)).body.items;
const verified = async () => (await json<{ individuals: number; verified: { institution: number; orcid: number } }>(`/api/pledges/${SLUG}/counts`)).body;

const unique = () => crypto.randomUUID().slice(0, 8);

describe('verification levels', () => {
  it('a confirmed mailbox is email; an academic mailbox is institution; counts follow', async () => {
    const before = await verified();
    const plain = await signAndConfirm({ email: `p${unique()}@gmail.com`, name: `Plain ${unique()}`, public: true });
    const uni = await signAndConfirm({ email: `u${unique()}@pku.edu.cn`, name: `Uni ${unique()}`, public: true });
    expect((await level(plain.email)).verification).toBe('email');
    expect((await level(uni.email)).verification).toBe('institution');
    const after = await verified();
    expect(after.individuals - before.individuals).toBe(2);
    expect(after.verified.institution - before.verified.institution).toBe(1);
    expect(after.verified.orcid).toBe(before.verified.orcid);
    const items = await wall();
    expect(items.find((i) => i.name === plain.body.name)).toMatchObject({ verification: 'email', orcid: null, orcidClaimed: false });
    expect(items.find((i) => i.name === uni.body.name)).toMatchObject({ verification: 'institution', orcid: null, orcidClaimed: false });
  });

  it("a pending signature carries its mailbox's level from the start; confirming keeps it", async () => {
    const s = await sign({ email: `pend${unique()}@tsinghua.edu.cn` });
    expect((await level(s.email)).verification).toBe('institution');
    const other = await sign({ email: `pend${unique()}@gmail.com` });
    expect((await level(other.email)).verification).toBe('email');
    await confirm(s.confirm);
    await confirm(other.confirm);
    expect((await level(s.email)).verification).toBe('institution');
    expect((await level(other.email)).verification).toBe('email');
  });

  it('a typed ORCID iD is only claimed: not published, level unchanged', async () => {
    const orcid = newOrcid();
    const s = await signAndConfirm({ email: `c${unique()}@gmail.com`, name: `Claimed ${unique()}`, orcid, public: true });
    expect(await level(s.email)).toEqual({ verification: 'email', orcid });
    const item = (await wall()).find((i) => i.name === s.body.name);
    expect(item).toMatchObject({ verification: 'email', orcid: null, orcidClaimed: true });
    expect(JSON.stringify(await wall())).not.toContain(orcid);
  });

  it('an ORCID proof, through the queue and the confirm link, makes the level orcid', async () => {
    const before = await verified();
    const orcid = newOrcid();
    const s = await sign({ email: `o${unique()}@pku.edu.cn`, name: `Orcid ${unique()}`, orcid: '', orcidProof: await proofFor(orcid), public: true });
    // Pending: the mailbox's level; the proof counts once the mailbox is confirmed.
    expect(await level(s.email)).toEqual({ verification: 'institution', orcid });
    await confirm(s.confirm);
    expect(await level(s.email)).toEqual({ verification: 'orcid', orcid });
    const item = (await wall()).find((i) => i.name === s.body.name);
    expect(item).toMatchObject({ verification: 'orcid', orcid, orcidClaimed: false });
    const after = await verified();
    expect(after.verified.orcid - before.verified.orcid).toBe(1);
    // One level per signature, the strongest: not counted as institution too.
    expect(after.verified.institution).toBe(before.verified.institution);
    // The filter.
    const orcids = await wall('&level=orcid');
    expect(orcids.length).toBeGreaterThan(0);
    expect(orcids.every((i) => i.verification === 'orcid')).toBe(true);
    expect((await wall('&level=institution')).every((i) => i.verification === 'institution')).toBe(true);
  });

  it('the proven iD replaces a typed one', async () => {
    const orcid = newOrcid();
    const s = await signAndConfirm({ email: `r${unique()}@gmail.com`, orcid: newOrcid(), orcidProof: await proofFor(orcid) });
    expect(await level(s.email)).toEqual({ verification: 'orcid', orcid });
  });

  it('refuses an iD already proven by another signature of the pledge, clearly', async () => {
    const orcid = newOrcid();
    await signAndConfirm({ email: `first${unique()}@gmail.com`, orcidProof: await proofFor(orcid) });
    const res = await signJson(signer({ email: `second${unique()}@gmail.com`, orcidProof: await proofFor(orcid), lang: 'en' }), { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.fields.orcid).toMatch(/already signed this pledge/);
  });

  it('of two pending signatures proving one iD, only the first confirmed gets the level', async () => {
    const orcid = newOrcid();
    const a = await sign({ email: `a${unique()}@gmail.com`, orcidProof: await proofFor(orcid) });
    const b = await sign({ email: `b${unique()}@gmail.com`, orcidProof: await proofFor(orcid) });
    await confirm(a.confirm);
    await confirm(b.confirm);
    expect((await level(a.email)).verification).toBe('orcid');
    expect(await level(b.email)).toEqual({ verification: 'email', orcid });
  });

  it('refuses forged, expired and other pledges’ proofs with a field error', async () => {
    const orcid = newOrcid();
    // A tampered MAC: the last byte changed (to 00 unless it already was, 1 run in 256).
    const good = await proofFor(orcid);
    const tampered = `${good.slice(0, -2)}${good.endsWith('00') ? 'ff' : '00'}`;
    for (const proof of [
      await proofFor(orcid, { secret: 'not-the-secret' }),
      await proofFor(orcid, { ttl: -1000 }),
      await proofFor(orcid, { pledge: pledgeId + 999 }),
      'garbage.0123',
      tampered,
    ]) {
      const res = await signJson(signer({ orcidProof: proof }));
      expect(res.status, proof).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.orcid).toBeTruthy();
    }
    const bad = await json(`/api/pledges/${SLUG}/signatories?level=gold`);
    expect(bad.status).toBe(400);
  });

  it('exports carry the level: open data CSV and JSON, the organisers’ CSV', async () => {
    const orcid = newOrcid();
    const s = await signAndConfirm({ email: `x${unique()}@gmail.com`, name: `Export ${unique()}`, orcidProof: await proofFor(orcid), public: true });
    const csv = await (await request(`/api/pledges/${SLUG}/signatories.csv`)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('name,affiliation,field,confirmed_at,verification,orcid,orcid_claimed');
    expect(csv).toContain(`"${s.body.name}"`);
    expect(csv.split('\r\n').find((l) => l.includes(s.body.name))).toContain(`"orcid","${orcid}","0"`);
    const list = (await (await request(`/api/pledges/${SLUG}/signatories.json`)).json()) as Item[];
    expect(list.find((i) => i.name === s.body.name)).toMatchObject({ verification: 'orcid', orcid });
    const admin = await (await adminJson(`/api/admin/export/signatures.csv?pledge=${SLUG}`)).text();
    const header = admin.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    expect(header.split(',')).toContain('verification');
    const row = admin.split(/\r?\n/).find((l) => l.includes(s.email))!;
    expect(row).toContain('orcid');
  });

  it('the console searches by level and shows it', async () => {
    const s = await signAndConfirm({ email: `adm${unique()}@fudan.edu.cn`, name: `Console ${unique()}` });
    const { body } = await json<{ items: { email: string; verification: string }[] }>(`/api/admin/signatures?verification=institution&limit=500`, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(body.items.every((i) => i.verification === 'institution')).toBe(true);
    expect(body.items.map((i) => i.email)).toContain(s.email);
    const none = await json<{ items: { email: string }[] }>(`/api/admin/signatures?verification=orcid&limit=500`, { headers: { authorization: 'Bearer test-admin-token' } });
    expect(none.body.items.map((i) => i.email)).not.toContain(s.email);
    expect((await json('/api/admin/signatures?verification=gold', { headers: { authorization: 'Bearer test-admin-token' } })).status).toBe(400);
  });

  it('the stats break the total down by level', async () => {
    const { body } = await json<{ individuals: number; byVerification: Record<string, number> }>(`/api/pledges/${SLUG}/stats?lang=en`);
    expect(Object.keys(body.byVerification).sort()).toEqual(['email', 'institution', 'orcid']);
    expect(body.byVerification.email! + body.byVerification.institution! + body.byVerification.orcid!).toBe(body.individuals);
    const page = await (await request(`/p/${SLUG}/stats?lang=en`)).text();
    expect(page).toContain('By verification');
  });
});

describe("organisers' domain rules", () => {
  it('adding a domain raises existing signatures to institution, removing lowers them, all audited', async () => {
    const lab = `lab${unique()}.example-research.org`;
    const s = await signAndConfirm({ email: `r${unique()}@mail.${lab}` });
    expect((await level(s.email)).verification).toBe('email');
    const before = await verified();

    const add = await adminJson('/api/admin/institution-domains', { method: 'PUT', body: { domain: lab, listed: true, note: 'a research lab' } });
    expect(add.status).toBe(200);
    expect(await add.json()).toEqual({ domain: lab, changed: 1 });
    expect((await level(s.email)).verification).toBe('institution');
    expect((await verified()).verified.institution - before.verified.institution).toBe(1);
    // New signatures at the domain get it on confirmation too.
    const t = await signAndConfirm({ email: `t${unique()}@${lab}` });
    expect((await level(t.email)).verification).toBe('institution');

    const del = await adminJson(`/api/admin/institution-domains/${lab}`, { method: 'DELETE' });
    expect(await del.json()).toEqual({ domain: lab, changed: 2 });
    expect((await level(s.email)).verification).toBe('email');
    expect((await adminJson(`/api/admin/institution-domains/${lab}`, { method: 'DELETE' })).status).toBe(404);

    const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = ?1 ORDER BY id`).bind(`domain:${lab}`).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['institutions.add', 'institutions.reset']);
  });

  it('a rule changed while a signature is pending reaches it, and its confirmation keeps it', async () => {
    const lab = `lab${unique()}.example-research.org`;
    const s = await sign({ email: `p${unique()}@${lab}` });
    expect((await level(s.email)).verification).toBe('email');
    const add = await adminJson('/api/admin/institution-domains', { method: 'PUT', body: { domain: lab, listed: true, note: 'listed while pending' } });
    expect(await add.json()).toEqual({ domain: lab, changed: 1 });
    expect((await level(s.email)).verification).toBe('institution');
    await confirm(s.confirm);
    expect((await level(s.email)).verification).toBe('institution');
  });

  it('removing a listed domain lowers its signatures; look-alike domains are never touched', async () => {
    const s = await signAndConfirm({ email: `z${unique()}@zju.edu.cn` });
    const fake = await signAndConfirm({ email: `f${unique()}@zju.edu.cn.evil.example` });
    expect((await level(s.email)).verification).toBe('institution');
    expect((await level(fake.email)).verification).toBe('email');
    const res = await adminJson('/api/admin/institution-domains', { method: 'PUT', body: { domain: 'zju.edu.cn', listed: false } });
    expect(((await res.json()) as { changed: number }).changed).toBeGreaterThanOrEqual(1);
    expect((await level(s.email)).verification).toBe('email');
    expect((await level(fake.email)).verification).toBe('email');
    await adminJson('/api/admin/institution-domains/zju.edu.cn', { method: 'DELETE' });
    expect((await level(s.email)).verification).toBe('institution');
  });

  it('refuses what is not a domain', async () => {
    for (const domain of ['', 'not a domain', 'edu.cn/evil', 'x']) {
      const res = await adminJson('/api/admin/institution-domains', { method: 'PUT', body: { domain, listed: true } });
      expect(res.status, domain).toBe(400);
    }
    expect((await adminJson('/api/admin/institution-domains', { method: 'PUT', body: { domain: 'ok.example', listed: 'yes' } })).status).toBe(400);
  });
});

describe('the sign form after ORCID sign-in', () => {
  const page = async (path: string, init: RequestInit = {}, overrides: Partial<Env> = {}) => {
    const ctx = createExecutionContext();
    const res = await app.request(`${ORIGIN}${path}`, init, appEnv(overrides), ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  it('shows the ORCID button only when ORCID is configured', async () => {
    expect(await (await page(`/p/${SLUG}?lang=en`)).text()).not.toContain('/auth/orcid/start');
    const html = await (await page(`/p/${SLUG}?lang=en`, {}, { ORCID_CLIENT_ID: 'APP-TEST' } as unknown as Partial<Env>)).text();
    expect(html).toContain(`href="/auth/orcid/start?pledge=${SLUG}"`);
    expect((await page(`/auth/orcid/start?pledge=${SLUG}`)).status).toBe(404);
  });

  it('prefills the form from the proof cookie and signs with it (no JavaScript needed)', async () => {
    const orcid = newOrcid();
    const proof = await proofFor(orcid);
    expect((await page(`/p/${SLUG}/sign`, { redirect: 'manual' })).status).toBe(303);
    const res = await page(`/p/${SLUG}/sign?lang=en`, { headers: { cookie: `orcid_proof=${proof}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(`Proven by ORCID sign-in: ${orcid}`);
    expect(html).toContain(`name="orcidProof" value="${proof}"`);
    expect(html).toContain('value="Li Lei"');
    const email = `form${unique()}@gmail.com`;
    const post = await postForm(
      `/p/${SLUG}/sign`,
      { name: 'Li Lei', email, affiliation: 'Institute', field: 'science', region: 'CN-BJ', orcid, orcidProof: proof, lang: 'en' },
      { cookie: `orcid_proof=${proof}` },
    );
    expect(post.status).toBe(303);
    expect(post.headers.get('set-cookie') ?? '').toMatch(/orcid_proof=;/);
    await confirm(tokenIn(await lastMailTo(email), 'confirm'));
    expect(await level(email)).toEqual({ verification: 'orcid', orcid });
  });

  it('an expired proof shows the ordinary form again with the message', async () => {
    const post = await postForm(`/p/${SLUG}/sign`, {
      name: 'Li Lei',
      email: `exp${unique()}@gmail.com`,
      affiliation: 'Institute',
      field: 'science',
      region: 'CN-BJ',
      orcidProof: await proofFor(newOrcid(), { ttl: -1 }),
      lang: 'en',
    });
    expect(post.status).toBe(400);
    const html = await post.text();
    expect(html).toContain('Your ORCID sign-in has expired');
    expect(html).not.toContain('name="orcidProof"');
    expect(html).toContain('id="f-orcid"');
  });
});
