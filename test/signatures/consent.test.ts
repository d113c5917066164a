import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { hmacHex } from '../../src/platform/crypto/tokens.ts';
import { adminJson } from '../support/admin.ts';
import { nextIp, postJson, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { counts, signer, signJson } from '../support/signers.ts';

// Issue 13: the mailbox owner decides what is published, nobody else can break a
// signer's links, held signatures are not mailed, and mails are capped per recipient.

const ORIGIN = 'http://localhost:8787';
const uid = () => crypto.randomUUID().slice(0, 8);

async function row(email: string) {
  return env.DB.prepare('SELECT name, affiliation, title, public, state FROM signatures WHERE email = ?1')
    .bind(email)
    .first<{ name: string; affiliation: string; title: string | null; public: number; state: string }>();
}

function postPage(path: string) {
  return request(path, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, body: '' });
}

async function response(res: Response) {
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('issue 13.3: the mailbox owner decides what is published', () => {
  it('attack: a stranger pre-seeds victim@ with a smear, public; the victim signs privately and confirms the newest mail: the victim’s details are published', async () => {
    const email = `victim-${uid()}@example.edu.cn`;
    expect((await signJson(signer({ email, name: 'Smear Name', affiliation: 'Ministry of Smears', public: true, lang: 'en' }))).status).toBe(202);
    expect((await signJson(signer({ email, name: 'Li Hua', affiliation: 'Example University', public: false, lang: 'en' }))).status).toBe(202);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    // Each mail shows exactly what its link confirms.
    expect(mails[0]!.text).toContain('Smear Name');
    expect(mails[0]!.text).toContain('Ministry of Smears');
    expect(mails[0]!.text).toContain('Listed publicly: yes');
    expect(mails[1]!.text).toContain('Li Hua');
    expect(mails[1]!.text).toContain('Example University');
    expect(mails[1]!.text).toContain('Listed publicly: no');
    expect(mails[1]!.text).not.toContain('Smear');

    const before = await counts();
    expect((await postJson('/api/signatures/confirm', { token: tokenIn(mails[1], 'confirm') })).status).toBe(200);
    expect(await row(email)).toMatchObject({ name: 'Li Hua', affiliation: 'Example University', public: 0, state: 'confirmed' });
    expect((await counts()).individuals).toBe(before.individuals + 1);

    // The attacker's link (from the same mailbox) confirms nothing more and changes nothing.
    await postJson('/api/signatures/confirm', { token: tokenIn(mails[0], 'confirm') });
    expect(await row(email)).toMatchObject({ name: 'Li Hua', affiliation: 'Example University', public: 0, state: 'confirmed' });
    // A re-submission of the confirmed address changes nothing; the owner gets a mail instead.
    expect((await signJson(signer({ email, name: 'Smear Again', affiliation: 'Smear Institute', public: true, lang: 'en' }))).status).toBe(202);
    expect(await row(email)).toMatchObject({ name: 'Li Hua', affiliation: 'Example University', public: 0, state: 'confirmed' });
    expect(await mailsTo(email)).toHaveLength(3);
    const wall = await (await request('/api/pledges/cast-2020/signatories?q=Smear')).text();
    expect(wall).not.toContain('Smear');
    expect((await counts()).individuals).toBe(before.individuals + 1);
  });

  it('an older link confirms the details it was sent for, not newer ones', async () => {
    const email = `older-${uid()}@example.edu.cn`;
    await signJson(signer({ email, name: 'First Details', affiliation: 'First Institute', public: false, lang: 'en' }));
    await signJson(signer({ email, name: 'Second Details', affiliation: 'Second Institute', public: true, lang: 'en' }));
    const mails = await mailsTo(email);
    expect((await postJson('/api/signatures/confirm', { token: tokenIn(mails[0], 'confirm') })).status).toBe(200);
    expect(await row(email)).toMatchObject({ name: 'First Details', affiliation: 'First Institute', public: 0, state: 'confirmed' });
  });
});

describe('issue 13.4: nobody else can break a signer’s links', () => {
  it('re-submitting a confirmed address keeps the withdraw links of the first mail and the thank-you page working', async () => {
    const person = signer({ lang: 'en' });
    await signJson(person);
    const [first] = await mailsTo(person.email);
    const thanks = await postPage(`/confirm/${tokenIn(first, 'confirm')}`);
    expect(thanks.status).toBe(200);
    const thankYouWithdraw = /\/withdraw\/([A-Za-z0-9_-]{43})/.exec(await thanks.text())?.[1];
    expect(thankYouWithdraw).toBeDefined();
    const mailWithdraw = tokenIn(first, 'withdraw');

    for (let i = 0; i < 3; i++) expect((await signJson({ ...person, name: `Someone Else ${i}` })).status).toBe(202);
    const mails = await mailsTo(person.email);
    expect(mails.length).toBeGreaterThan(1);
    for (const token of [mailWithdraw, thankYouWithdraw!, ...mails.slice(1).map((m) => tokenIn(m, 'withdraw'))]) {
      expect((await request(`/withdraw/${token}`)).status, token).toBe(200);
    }
    expect(await row(person.email)).toMatchObject({ name: person.name, state: 'confirmed' });

    const before = await counts();
    expect((await postJson('/api/signatures/withdraw', { token: mailWithdraw })).status).toBe(200);
    expect((await counts()).individuals).toBe(before.individuals - 1);
    // Withdrawn: every link of this signature is spent.
    expect((await request(`/withdraw/${thankYouWithdraw}`)).status).toBe(404);
  });

  it('the invalid-link page does not tell a still-counted signer there is nothing more to do', async () => {
    for (const path of ['/withdraw/', '/confirm/']) {
      const res = await request(`${path}${'A'.repeat(43)}`, { headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('nothing more to do');
      expect(html).toContain('still counts');
    }
  });
});

async function holdingIp(): Promise<string> {
  const ip = nextIp();
  const ipHash = (await hmacHex(env.IP_HASH_SECRET, ip)).slice(0, 32);
  const limit = Number(env.SIGN_LIMIT_IP_HOUR);
  const now = Date.now();
  const stmts = Array.from({ length: limit }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO signatures (pledge_id, lang, text_version, state, email_key, email_domain, field, region, ip_hash, created_at) SELECT id, 'zh-Hans', 'x', 'pending', ?1, 'prior.example', 'science', 'CN-BJ', ?2, ?3 FROM pledges WHERE slug = 'cast-2020'`,
    ).bind(`held${i}-${ip}@prior.example`, ipHash, now - 1000),
  );
  for (let i = 0; i < stmts.length; i += 50) await env.DB.batch(stmts.slice(i, i + 50));
  return ip;
}

describe('issue 13.2: held signatures are not mailed until an organiser releases them', () => {
  it('a held signature gets no mail and the same answer; its confirmation is mailed on release', async () => {
    const ip = await holdingIp();
    const normal = await response(await signJson(signer(), { ip: nextIp() }));
    const person = signer({ lang: 'en' });
    const held = await response(await signJson(person, { ip }));
    expect(held).toEqual(normal);
    expect((await row(person.email))?.state).toBe('held');
    expect(await mailsTo(person.email)).toHaveLength(0);
    // Submitting again while held still mails nothing.
    expect(await response(await signJson(person, { ip }))).toEqual(normal);
    expect(await mailsTo(person.email)).toHaveLength(0);

    const id = (await env.DB.prepare('SELECT id FROM signatures WHERE email = ?1').bind(person.email).first<{ id: number }>())!.id;
    expect((await adminJson(`/api/admin/signatures/${id}/release`, { body: {} })).status).toBe(200);
    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(person.name);
    const before = await counts();
    expect((await postJson('/api/signatures/confirm', { token: tokenIn(mails[0], 'confirm') })).status).toBe(200);
    expect((await row(person.email))?.state).toBe('confirmed');
    expect((await counts()).individuals).toBe(before.individuals + 1);
  });
});

describe('issue 13.1: mails per recipient and pledge are capped across flows', () => {
  it('signature and endorsement mails to one address share one cap of 5, with identical answers', async () => {
    const email = `bombed-${uid()}@bomb-target.example.org`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await response(await signJson(signer({ email, name: `Bomb ${i}` }))));
    for (let i = 0; i < 4; i++) {
      const res = await postJson(
        '/api/pledges/cast-2020/endorsements',
        { name: `Mail Bomb Society ${uid()}`, website: `https://bomb-${uid()}.example.org`, category: 'science', contactName: 'Bomb', contactRole: 'Chair', email },
        { 'cf-connecting-ip': nextIp() },
      );
      answers.push(await response(res));
    }
    expect(await mailsTo(email)).toHaveLength(5);
    expect(new Set(answers.slice(0, 3).map((a) => JSON.stringify(a))).size).toBe(1);
    expect(new Set(answers.slice(3).map((a) => JSON.stringify(a))).size).toBe(1);
    // The ledger keys by a keyed hash: the address is nowhere in it.
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM mail_ledger').all()).results);
    expect(dump).not.toContain('bombed-');
    expect(dump).not.toContain('bomb-target');
  });

  it('one address signed again and again gets at most 5 mails', async () => {
    const email = `cap-release-${uid()}@example.edu.cn`;
    for (let i = 0; i < 6; i++) await signJson(signer({ email }));
    expect(await mailsTo(email)).toHaveLength(5);
  });
});

describe('issue 13.1: text a stranger types never reaches a mailbox as a link', () => {
  const links = ['see http://evil.example now', 'www.evil.example', 'evil.example', 'evil．example', 'evil。example', 'HTTPS://EVIL.EXAMPLE'];

  it('refuses web addresses in the name, affiliation and title, JSON and form', async () => {
    for (const field of ['name', 'affiliation', 'title'] as const) {
      for (const value of links) {
        const res = await signJson(signer({ [field]: value, lang: 'en' }), { headers: { 'accept-language': 'en' } });
        expect(res.status, `${field}=${value}`).toBe(400);
        const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
        expect(body.error.fields[field], `${field}=${value}`).toMatch(/web address/);
      }
    }
    const form = await request('/p/cast-2020/sign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'cf-connecting-ip': nextIp(), 'accept-language': 'en' },
      body: new URLSearchParams({ ...signer({ affiliation: 'www.evil.example' }), lang: 'en' } as Record<string, string>).toString(),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/web address/);
  });

  it('accepts ordinary names and affiliations with full stops', async () => {
    for (const person of [
      signer({ name: 'J. R. Smith', affiliation: 'St. John’s College, Univ. of Example' }),
      signer({ name: '张三', affiliation: '北京大学。物理学院' }),
      signer({ name: 'Zhang San', affiliation: 'Dept. of Physics', title: 'Prof. Dr.' }),
    ]) {
      expect((await signJson(person)).status).toBe(202);
    }
  });
});

describe('issue 13.14: mail templates do not interpret replacement patterns', () => {
  it("a pledge title with $' and $& reaches the mail as typed", async () => {
    const slug = `dollar-${uid()}`;
    const title = "Dollar $' and $& and $1 pledge";
    const created = await adminJson('/api/admin/pledges', { body: { slug, status: 'open', texts: { 'zh-Hans': { title, body: 'Body.' }, en: { title, body: 'Body.' } } } });
    expect(created.status).toBe(201);
    const person = signer({ lang: 'en' });
    expect((await signJson(person, { slug })).status).toBe(202);
    const [mail] = await mailsTo(person.email);
    expect(mail!.text).toContain(`“${title}”`);
    expect(mail!.html).toContain('Dollar $&#39; and $&amp; and $1 pledge');
    await postJson('/api/signatures/confirm', { token: tokenIn(mail, 'confirm') });
    await signJson(person, { slug });
    const reminder = (await mailsTo(person.email)).at(-1);
    expect(reminder!.text).toContain(`“${title}”`);
  });
});
