import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { json } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

// Issue 13, item 5: the published statistics must not let anyone learn one signer's
// attributes by differencing two answers taken a few seconds apart.

type Group = { key: string; count: number | null; suppressed: boolean };
type Stats = {
  individuals: number;
  byField: Group[];
  byRegion: Group[];
  bySociety: Group[];
  perHour: { bucket: string; count: number }[];
  perDay: { bucket: string; count: number }[];
};

const hour = () => new Date().toISOString().slice(0, 13);
const keys = (s: Stats) => [...s.byField, ...s.byRegion, ...s.bySociety].map((g) => g.key).sort();
const sum = (points: { count: number }[]) => points.reduce((n, p) => n + p.count, 0);
const totals = (s: Stats) => ({
  individuals: s.individuals,
  perHour: sum(s.perHour),
  perDay: sum(s.perDay),
  shown: Object.fromEntries([...s.byField, ...s.byRegion, ...s.bySociety].map((g) => [g.key, g.count])),
});

async function stats(): Promise<Stats> {
  const { status, body } = await json<Stats>('/api/pledges/cast-2020/stats?lang=en');
  expect(status).toBe(200);
  return body;
}

describe('statistics differencing attack', () => {
  it('publishes no key of a group under the threshold', async () => {
    for (let i = 0; i < 6; i++) await signAndConfirm({ region: 'CN-BJ', field: 'science' });
    await signAndConfirm({ region: 'CN-SH', field: 'medicine' });
    await signAndConfirm({ region: 'CN-GD', field: 'agriculture' });
    await env.DB.prepare('DELETE FROM stats_snapshots')
      .run()
      .catch(() => undefined);
    const s = await stats();
    const all = [...s.byField, ...s.byRegion, ...s.bySociety];
    expect(all.length).toBeGreaterThan(0);
    for (const g of all) if (g.suppressed) expect(['CN-SH', 'CN-GD', 'medicine', 'agriculture']).not.toContain(g.key);
    expect(keys(s)).not.toContain('CN-SH');
    expect(keys(s)).not.toContain('CN-GD');
    expect(keys(s)).not.toContain('medicine');
  });

  it('two answers a few seconds apart do not reveal a new signer in a new region', async () => {
    // The attack runs within one snapshot period; if the hour turned during it, run it once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const startHour = hour();
      const before = await stats();
      await signAndConfirm({ region: 'CN-XZ', field: 'interdisciplinary' });
      const after = await stats();
      if (hour() !== startHour) continue;
      expect(keys(after)).toEqual(keys(before));
      expect(keys(after)).not.toContain('CN-XZ');
      expect(totals(after)).toEqual(totals(before));
      return;
    }
    throw new Error('the hour turned twice during the attack');
  });
});
