import { describe, expect, it } from 'vitest';
import { fillSeries, suppressSmallGroups } from '../../src/stats/breakdown.ts';

describe('suppressSmallGroups', () => {
  it('shows groups of 5 or more, largest first, and publishes smaller ones only together, without keys', () => {
    const groups = suppressSmallGroups([
      { key: 'a', value: 7 },
      { key: 'b', value: 4 },
      { key: 'c', value: 12 },
      { key: 'd', value: 1 },
      { key: 'e', value: 0 },
    ]);
    expect(groups).toEqual([
      { key: 'c', count: 12, suppressed: false },
      { key: 'a', count: 7, suppressed: false },
      { key: '*', count: null, suppressed: true },
    ]);
  });

  it('suppresses the next smallest group when only one is small, so it cannot be derived', () => {
    const groups = suppressSmallGroups([
      { key: 'a', value: 9 },
      { key: 'b', value: 6 },
      { key: 'c', value: 2 },
    ]);
    expect(groups).toEqual([
      { key: 'a', count: 9, suppressed: false },
      { key: '*', count: null, suppressed: true },
    ]);
  });

  it('never shows a count under 5', () => {
    for (let n = 0; n < 200; n++) {
      const values = Array.from({ length: 1 + (n % 7) }, (_, i) => ({ key: `k${i}`, value: (n * (i + 3)) % 11 }));
      for (const g of suppressSmallGroups(values)) if (!g.suppressed) expect(g.count).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('fillSeries', () => {
  it('fills every hour between the bounds with zeros where nothing was counted', () => {
    const from = Date.parse('2026-11-28T22:30:00Z');
    const to = Date.parse('2026-11-29T01:10:00Z');
    expect(fillSeries([{ bucket: '2026-11-28T23', value: 3 }], from, to, 'hour')).toEqual([
      { bucket: '2026-11-28T22', count: 0 },
      { bucket: '2026-11-28T23', count: 3 },
      { bucket: '2026-11-29T00', count: 0 },
      { bucket: '2026-11-29T01', count: 0 },
    ]);
  });
});
