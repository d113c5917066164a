import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson } from '../support/admin.ts';
import { json, request } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

// Issue 13, item 8: search never fails. D1 refuses LIKE patterns over 50 bytes, so a
// 17-character Chinese query was a 503; and 大学 must find 大學 and the reverse.

// 17 and 100 Chinese characters (51 and 300 bytes in UTF-8).
const AFFIL_17 = '中国科学院北京分院物理化学研究所甲';
const LONG_100 = '中'.repeat(100);

beforeAll(async () => {
  await signAndConfirm({ name: '张三', affiliation: '北京大學醫學部', public: true });
  await signAndConfirm({ name: '李四', affiliation: '清华大学', public: true });
  await signAndConfirm({ name: '王五', affiliation: AFFIL_17, public: true });
  await signAndConfirm({ name: 'Zhao Liu', affiliation: `${'中'.repeat(100)}研究院`, public: true });
});

const wall = async (q: string) => {
  const { status, body } = await json<{ items: { name: string }[] }>(`/api/pledges/cast-2020/signatories?q=${encodeURIComponent(q)}`);
  return { status, names: status === 200 ? body.items.map((i) => i.name).sort() : [] };
};

describe('signer wall search', () => {
  it('answers a 17-character Chinese query (over 50 bytes) and finds the signer', async () => {
    expect(new TextEncoder().encode(AFFIL_17).length).toBeGreaterThan(50);
    expect(await wall(AFFIL_17)).toEqual({ status: 200, names: ['王五'] });
  });

  it('answers a 100-character Chinese query', async () => {
    expect(await wall(LONG_100)).toEqual({ status: 200, names: ['Zhao Liu'] });
  });

  it('matches across scripts: 大学 finds 大學 and 大學 finds 大学', async () => {
    expect(await wall('北京大学医学部')).toEqual({ status: 200, names: ['张三'] });
    expect(await wall('清華大學')).toEqual({ status: 200, names: ['李四'] });
    expect((await wall('大学')).names).toEqual(['张三', '李四']);
    expect((await wall('大學')).names).toEqual(['张三', '李四']);
  });

  it('answers the page search too, with a 100-character query', async () => {
    const res = await request(`/p/cast-2020/signatories?q=${encodeURIComponent(LONG_100)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Zhao Liu');
  });
});

describe('admin signature search', () => {
  const admin = async (q: string) => {
    const res = await adminJson(`/api/admin/signatures?q=${encodeURIComponent(q)}`);
    return { status: res.status, names: res.status === 200 ? ((await res.json()) as { items: { name: string }[] }).items.map((i) => i.name).sort() : [] };
  };

  it('answers 17- and 100-character Chinese queries', async () => {
    expect(await admin(AFFIL_17)).toEqual({ status: 200, names: ['王五'] });
    expect(await admin(LONG_100)).toEqual({ status: 200, names: ['Zhao Liu'] });
  });

  it('matches across scripts', async () => {
    expect((await admin('大学')).names).toEqual(['张三', '李四']);
    expect((await admin('北京大学')).names).toEqual(['张三']);
  });
});
