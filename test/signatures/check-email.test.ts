import { describe, expect, it } from 'vitest';
import { maskEmail } from '../../src/signatures/email.ts';
import { postForm, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { signer } from '../support/signers.ts';

const formOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

async function signByForm(overrides: Record<string, unknown> = {}) {
  const person = signer(overrides);
  const res = await postForm('/p/cast-2020/sign', formOf({ ...person, public: 'on' }));
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  const ticket = new URL(location, 'http://x').searchParams.get('t') ?? '';
  return { person, location, ticket };
}

const resend = (ticket: string, headers: Record<string, string> = {}) => postForm('/p/cast-2020/check-email/resend', { t: ticket }, headers);

describe('the check-email page (issue 18)', () => {
  it('masks addresses: first characters and the public suffix only', () => {
    expect(maskEmail('wei.zhang@ustc.edu.cn')).toBe('w***@u***.edu.cn');
    expect(maskEmail('li@example.org')).toBe('l***@e***.org');
    expect(maskEmail('a@mail.pku.edu.cn')).toBe('a***@m***.edu.cn');
    expect(maskEmail('nobody')).toBe('***');
  });

  it('shows the address masked, privately, with a resend form and a way back to fix a typo', async () => {
    const { person, location } = await signByForm({ email: `Jing.Wu+${crypto.randomUUID().slice(0, 6)}@ustc.edu.cn` });
    const res = await request(location);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('J***@u***.edu.cn');
    expect(html).not.toContain(person.email);
    expect(html).not.toContain(person.email.toLowerCase());
    expect(html).toContain('<form method="post" action="/p/cast-2020/check-email/resend?lang=zh-Hans">');
    expect(html).toContain('href="/p/cast-2020?lang=zh-Hans#sign"');
    // Without a ticket (or with a forged one) the page says only what it always said.
    const plain = await (await request('/p/cast-2020/check-email?t=forged')).text();
    expect(plain).toContain('请查收确认邮件');
    expect(plain).not.toContain('***@');
  });

  it('resends the confirmation within the mail cap, and carries ?lang= of the language signed in', async () => {
    const { person, ticket } = await signByForm({ lang: 'en' });
    const first = await mailsTo(person.email);
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}\?lang=en/);
    expect(first[0]?.text).toMatch(/\/withdraw\/[A-Za-z0-9_-]{43}\?lang=en/);
    const again = await resend(ticket);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toContain('resent=1');
    const page = await (await request(again.headers.get('location') ?? '')).text();
    expect(page).toContain('Sent again');
    expect(await mailsTo(person.email)).toHaveLength(2);
    // Both links work for the same details; the newest counts like any other.
    tokenIn((await mailsTo(person.email))[1], 'confirm');
    for (let i = 0; i < 6; i++) expect((await resend(ticket)).status).toBe(303);
    // At most 5 mails per signature, however often the button is pressed.
    expect(await mailsTo(person.email)).toHaveLength(5);
  });

  it('answers a resend the same way whether or not the address already signed', async () => {
    const { person, ticket } = await signByForm();
    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    expect((await postForm(`/confirm/${token}`, {})).status).toBe(200);
    const confirmed = await resend(ticket);
    const { ticket: fresh } = await signByForm();
    const pending = await resend(fresh);
    const shape = (r: Response) => ({ status: r.status, location: (r.headers.get('location') ?? '').replace(/t=[^&]+/, 't=*'), type: r.headers.get('content-type') });
    expect(shape(confirmed)).toEqual(shape(pending));
    expect(await confirmed.text()).toBe(await pending.text());
    // A confirmed signer gets the reminder, nothing else changes.
    const mails = await mailsTo(person.email);
    expect(mails.at(-1)?.subject).toBe('你已经签过名了');
  });

  it('refuses a forged ticket and a cross-site resend', async () => {
    const { ticket } = await signByForm();
    // The last two characters changed (to AA unless they already were).
    const forged = `${ticket.slice(0, -2)}${ticket.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await resend(forged)).status).toBe(400);
    expect((await resend(ticket, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('names the pledge and the signer on the confirm and withdraw pages', async () => {
    const { person } = await signByForm({ name: '王五 Context' });
    const mail = (await mailsTo(person.email))[0];
    const confirmHtml = await (await request(`/confirm/${tokenIn(mail, 'confirm')}`)).text();
    expect(confirmHtml).toMatch(/<dt>倡议<\/dt><dd><a href="\/p\/cast-2020\?lang=zh-Hans">向全国科技工作者的倡议书<\/a><\/dd>/);
    expect(confirmHtml).toContain('<dt>签名人</dt><dd>王五 Context</dd>');
    const withdrawHtml = await (await request(`/withdraw/${tokenIn(mail, 'withdraw')}?lang=en`)).text();
    expect(withdrawHtml).toContain('<dt>Signed by</dt><dd>王五 Context</dd>');
    expect(withdrawHtml).toContain('<dt>Pledge</dt>');
  });
});
