import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/share/badge.ts';
import { request } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

async function individuals(): Promise<number> {
  return ((await (await request('/api/pledges/cast-2020/counts')).json()) as { individuals: number }).individuals;
}

describe('badge', () => {
  it('shows the current total in the requested language', async () => {
    await signAndConfirm();
    await signAndConfirm();
    const n = await individuals();
    expect(n).toBe(2);
    const en = await request('/p/cast-2020/badge.svg?lang=en');
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await en.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>2 signatures</text>');
    expect(svg).toContain('aria-label="Scientists&#8217; Pledge: 2 signatures"'.replace('&#8217;', '’'));
    expect(await (await request('/p/cast-2020/badge.svg?lang=zh-Hans')).text()).toContain('>2 个签名</text>');
    expect(await (await request('/p/cast-2020/badge.svg?lang=zh-Hant')).text()).toContain('>2 個簽名</text>');

    await signAndConfirm();
    expect(await (await request('/p/cast-2020/badge.svg?lang=en')).text()).toContain('>3 signatures</text>');
    expect((await request('/p/nope/badge.svg')).status).toBe(404);
    // Cacheable by shared caches: ?lang= on a badge sets no cookie.
    expect(en.headers.get('set-cookie')).toBeNull();
    expect(en.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
  });

  it('sizes CJK text wider than Latin', () => {
    expect(textWidth('签名')).toBeGreaterThan(textWidth('ab'));
  });
});

describe('QR code', () => {
  it('renders the pledge address as an SVG QR code', async () => {
    const res = await request('/p/cast-2020/qr.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    const side = Number(svg.match(/viewBox="0 0 (\d+) \1"/)?.[1]);
    // Version 2-5 symbols (25-37 modules) plus the quiet zone, for a short URL.
    expect(side).toBeGreaterThanOrEqual(25 + 8);
    expect(side).toBeLessThanOrEqual(37 + 8);
    expect(svg).toMatch(/<path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"\/>/);
    expect(svg.length).toBeLessThan(8000);
  });
});

describe('embed widget', () => {
  it('may be framed, unlike other pages', async () => {
    const embed = await request('/embed/cast-2020?lang=en');
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const html = await embed.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('data-count="individuals"');
    expect(html).toContain('href="http://localhost:8787/p/cast-2020?lang=en" target="_blank" rel="noopener"');
    const page = await request('/p/cast-2020');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('pledge page sharing, goal and deadline', () => {
  it('carries Open Graph and Twitter card tags and the live script', async () => {
    const res = await request('/p/cast-2020?lang=en');
    const html = await res.text();
    const h1 = html.match(/<h1>([^<]*)<\/h1>/)![1];
    expect(html).toContain(`<meta property="og:title" content="${h1}"/>`);
    expect(html).toContain('<meta property="og:locale" content="en_GB"/>');
    expect(html).toContain('<meta property="og:locale:alternate" content="zh_CN"/>');
    expect(html).toContain('<meta property="og:url" content="http://localhost:8787/p/cast-2020?lang=en"/>');
    expect(html).toContain('<link rel="canonical" href="http://localhost:8787/p/cast-2020?lang=en"/>');
    expect(html).toContain('<link rel="alternate" hreflang="zh-Hant" href="http://localhost:8787/p/cast-2020?lang=zh-Hant"/>');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="http://localhost:8787/p/cast-2020"/>');
    expect(html).toContain('<meta property="og:image" content="http://localhost:8787/og/cast-2020.en.png"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(html).toContain('<script src="/live.js" defer=""></script>');
    expect(html).toContain('<script src="/share.js" defer=""></script>');
    expect(html).toContain('src="/p/cast-2020/qr.svg"');
    expect(html).toContain('href="/p/cast-2020/signatories"');
    expect(html).toContain('href="/p/cast-2020/stats"');
  });

  it('shows progress toward a goal and the time left when set', async () => {
    expect(await (await request('/p/cast-2020?lang=en')).text()).not.toContain('<progress');
    await env.DB.prepare('UPDATE pledges SET goal = 200, closes_at = ?1 WHERE slug = ?2')
      .bind(Date.now() + 3 * 86_400_000 + 60_000, 'cast-2020')
      .run();
    try {
      const n = await individuals();
      const html = await (await request('/p/cast-2020?lang=en')).text();
      expect(html).toContain(`<progress data-progress="true" aria-labelledby="goal-text" max="200" value="${n}"></progress>`);
      expect(html).toContain(`<span data-pct="true">${Math.floor((100 * n) / 200)}</span>% of the goal of 200`);
      expect(html).toContain('3 days left to sign');
      const zh = await (await request('/p/cast-2020?lang=zh-Hans')).text();
      expect(zh).toContain('距截止还有 3 天');
      expect(((await (await request('/api/pledges/cast-2020/counts')).json()) as { goal: number }).goal).toBe(200);
    } finally {
      await env.DB.prepare('UPDATE pledges SET goal = NULL, closes_at = NULL WHERE slug = ?1').bind('cast-2020').run();
    }
  });

  it('keeps the first response of the pledge page within 14 KB gzipped in every language', async () => {
    for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
      const body = await (await request(`/p/cast-2020?lang=${lang}`)).arrayBuffer();
      const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
      console.log(`pledge page ${lang}: ${body.byteLength} bytes, ${gzipped.byteLength} gzipped`);
      expect(gzipped.byteLength).toBeLessThanOrEqual(14 * 1024);
    }
  });
});
