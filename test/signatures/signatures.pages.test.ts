import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { postForm, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { counts, signer } from '../support/signers.ts';

const formOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

describe('signing through the HTML form', () => {
  it('shows the sign form on the pledge page', async () => {
    const html = await (await request('/p/cast-2020')).text();
    expect(html).toContain('<form method="post" action="/p/cast-2020/sign"');
    expect(html).toMatch(/<label for="f-email">电子邮箱<\/label>/);
    expect(html).toContain('autocomplete="email"');
    expect(html).toContain('<option value="CN-BJ">北京</option>');
  });

  it('signs -> 303 check-email -> confirm page -> POST confirm -> thank you with a withdraw link -> withdraw', async () => {
    const before = await counts();
    const person = signer();
    const res = await postForm('/p/cast-2020/sign', formOf({ ...person, public: 'on' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/p\/cast-2020\/check-email\?lang=zh-Hans&t=[A-Za-z0-9_-]+$/);
    expect(await (await request('/p/cast-2020/check-email')).text()).toContain('请查收确认邮件');

    const token = tokenIn((await mailsTo(person.email))[0], 'confirm');
    const confirmPage = await request(`/confirm/${token}?lang=en`);
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml, confirmHtml.slice(0, 3000)).toContain('Confirm my signature');
    const done = await postForm(`/confirm/${token}`, {});
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).toContain('感谢你的签名');
    const withdraw = html.match(/href="\/withdraw\/([A-Za-z0-9_-]{43})"/)?.[1];
    expect(withdraw).toBeDefined();
    expect((await counts()).individuals).toBe(before.individuals + 1);

    const again = await postForm(`/confirm/${token}`, {});
    expect(await again.text()).toContain('此前已经确认过');
    expect((await counts()).individuals).toBe(before.individuals + 1);

    expect(await (await request(`/withdraw/${withdraw}`)).text()).toContain('<form method="post" action="/withdraw/');
    expect((await counts()).individuals).toBe(before.individuals + 1);
    const gone = await postForm(`/withdraw/${withdraw}`, {});
    expect(await gone.text()).toContain('签名已撤回');
    expect((await counts()).individuals).toBe(before.individuals);
    expect((await postForm(`/withdraw/${withdraw}`, {})).status).toBe(404);
  });

  it('shows the form again with every error and the entered values kept', async () => {
    const res = await postForm('/p/cast-2020/sign', { name: '<b>李四</b>', email: 'li@', affiliation: '', field: '', region: 'CN-SH', orcid: '0000-0002-1825-0098', lang: 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('<a href="#f-email">Enter an email address in the correct format');
    expect(html).toContain('<a href="#f-affiliation">Enter your institution or employer</a>');
    expect(html).toContain('<a href="#f-field">Select your field</a>');
    expect(html).toContain('<a href="#f-orcid">');
    expect(html).toContain('id="f-email-error"');
    // Values are kept, escaped.
    expect(html).toContain('value="&lt;b&gt;李四&lt;/b&gt;"');
    expect(html).toContain('value="li@"');
    expect(html).toContain('<option value="CN-SH" selected="">');
    expect(html).not.toContain('<b>李四</b>');
  });

  it('refuses a cross-site form post', async () => {
    const res = await postForm('/p/cast-2020/sign', formOf(signer()), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const noOrigin = await request('/p/cast-2020/sign', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(noOrigin.status).toBe(403);
  });

  it('treats a filled honeypot as success and stores nothing', async () => {
    const person = signer();
    const res = await postForm('/p/cast-2020/sign', formOf({ ...person, website: 'http://spam.example' }));
    expect(res.status).toBe(303);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM signatures WHERE email = ?1').bind(person.email).first('n')).toBe(0);
    expect(await mailsTo(person.email)).toHaveLength(0);
  });
});
