import { describe, expect, it } from 'vitest';
import { request } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

describe('counts API caching', () => {
  it('sends a strong ETag and short public caching', async () => {
    const res = await request('/api/pledges/cast-2020/counts');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    const cc = res.headers.get('cache-control') ?? '';
    expect(cc).toMatch(/public/);
    expect(Number(cc.match(/max-age=(\d+)/)?.[1])).toBeLessThanOrEqual(10);
    expect(cc).toMatch(/stale-while-revalidate=\d+/);
    expect(await res.json()).toMatchObject({ slug: 'cast-2020', societies: 171, goal: null, status: 'open' });
  });

  it('answers 304 to a matching If-None-Match and 200 once the counts change', async () => {
    const first = await request('/api/pledges/cast-2020/counts');
    const tag = first.headers.get('etag')!;
    const again = await request('/api/pledges/cast-2020/counts', { headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toMatch(/max-age/);

    await signAndConfirm();
    const changed = await request('/api/pledges/cast-2020/counts', { headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(((await changed.json()) as { individuals: number }).individuals).toBe(((await first.json()) as { individuals: number }).individuals + 1);
  });
});
