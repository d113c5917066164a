import { describe, expect, it } from 'vitest';
import { request } from '../support/app.ts';

const societyItems = (html: string) => (html.match(/<ol class="societies">([\s\S]*?)<\/ol>/)?.[1] ?? '').match(/<li>/g)?.length ?? 0;

describe('pledge pages', () => {
  it('redirects / to the featured pledge, keeping ?lang', async () => {
    const res = await request('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/p/cast-2020');
    expect((await request('/?lang=en')).headers.get('location')).toBe('/p/cast-2020?lang=en');
  });

  it('serves the pledge in zh-Hans by default with totals and all 171 societies', async () => {
    const res = await request('/p/cast-2020');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h1>向全国科技工作者的倡议书</h1>');
    expect(html).toContain('一、众志成城，服务一线。');
    expect(html).toMatch(/data-count="individuals" data-value="0">0</);
    expect(html).toMatch(/data-count="societies" data-value="171">171</);
    expect(societyItems(html)).toBe(171);
    expect(html).toContain('<li>中国数学会</li>');
    expect(html).toContain('<li>中国生物多样性保护与绿色发展基金会</li>');
  });

  it('switches language with ?lang and remembers it in a cookie', async () => {
    const res = await request('/p/cast-2020?lang=zh-Hant');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('<h1>向全國科技工作者的倡議書</h1>');
    expect(html).toContain('<li>中國數學會</li>');
    expect(res.headers.get('set-cookie')).toMatch(/^lang=zh-Hant;.*Path=\//);

    const again = await (await request('/p/cast-2020', { headers: { cookie: 'lang=en' } })).text();
    expect(again).toContain('<html lang="en">');
    expect(again).toContain('Chinese Mathematical Society');
    expect(societyItems(again)).toBe(171);
  });

  it('follows Accept-Language when there is no choice yet', async () => {
    const html = await (await request('/p/cast-2020', { headers: { 'accept-language': 'zh-TW,zh;q=0.9' } })).text();
    expect(html).toContain('<html lang="zh-Hant">');
    const en = await (await request('/p/cast-2020', { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
    expect(en).toContain('<html lang="en">');
  });

  it('renders the language links with lang attributes and marks the current one', async () => {
    const html = await (await request('/p/cast-2020?lang=en')).text();
    expect(html).toContain('href="/p/cast-2020?lang=zh-Hans" lang="zh-Hans"');
    expect(html).toMatch(/href="\/p\/cast-2020\?lang=en" lang="en" hreflang="en" aria-current="true"/);
  });

  it('answers an unknown slug with a 404 page in the visitor language', async () => {
    const res = await request('/p/no-such-pledge?lang=en');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
    const zh = await request('/p/no-such-pledge', { headers: { 'accept-language': 'zh-TW' } });
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('找不到頁面');
  });

  it('answers /healthz', async () => {
    const res = await request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
