// The public signer list must not be matchable to the public log by time: otherwise a
// listed person's later removal (and its public reason) becomes public too. This runs
// the join an observer would run (wall times and order against leaf times and order)
// and finds nothing better than chance.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { syncLog } from '../../src/log/log.ts';
import { json } from '../support/app.ts';
import { signAndConfirm } from '../support/signers.ts';

const N = 40;

describe('no join of the signer wall with the public log by time', () => {
  it('matches no more listed signers to their log entries than chance', async () => {
    // Names in an order unrelated to the order of confirmation (17 * i mod 41).
    const names: string[] = [];
    for (let i = 1; i <= N; i++) names.push(`Join Person ${String((i * 17) % (N + 1)).padStart(2, '0')}`);
    const firstSeq = (await syncLog(env.DB, { id: 1, slug: 'cast-2020' })) as number;
    const truth = new Map<string, string>(); // name -> commitment of its log entry
    for (const name of names) {
      const { email } = await signAndConfirm({ name, public: true });
      await new Promise((r) => setTimeout(r, 5));
      const id = await env.DB.prepare('SELECT id FROM signatures WHERE email = ?1').bind(email).first<number>('id');
      truth.set(name, String(id));
    }
    await syncLog(env.DB, { id: 1, slug: 'cast-2020' });
    const entries = (await json(`/api/pledges/cast-2020/log/entries?start=${firstSeq}`)).body.entries as Array<{
      seq: number;
      kind: string;
      type: string;
      time: number;
      commitment: string;
    }>;
    const adds = entries.filter((e) => e.kind === 'add' && e.type === 'individual');
    expect(adds).toHaveLength(N);
    for (const [name, id] of truth) {
      const row = await env.DB.prepare(`SELECT commitment FROM log_entries WHERE pledge_id = 1 AND subject_type = 'individual' AND subject_id = ?1`)
        .bind(Number(id))
        .first<string>('commitment');
      truth.set(name, row!);
    }

    // What the public sees: the wall (newest first) and the log.
    const wall = ((await json('/api/pledges/cast-2020/signatories?limit=100')).body.items as Array<{ name: string; confirmedAt: number }>).filter((s) => truth.has(s.name));
    expect(wall).toHaveLength(N);

    // Join 1: by rank, oldest wall entry to oldest leaf (ties kept in the order shown).
    const oldestFirst = wall.map((s, i) => ({ ...s, i })).sort((a, b) => a.confirmedAt - b.confirmedAt || b.i - a.i);
    const byRank = oldestFirst.filter((s, k) => truth.get(s.name) === adds[k]!.commitment).length;
    // Join 2: each wall entry to the unused leaf nearest in time.
    const used = new Set<number>();
    let byTime = 0;
    for (const s of oldestFirst) {
      let best = -1;
      for (let k = 0; k < adds.length; k++) if (!used.has(k) && (best < 0 || Math.abs(adds[k]!.time - s.confirmedAt) < Math.abs(adds[best]!.time - s.confirmedAt))) best = k;
      used.add(best);
      if (truth.get(s.name) === adds[best]!.commitment) byTime += 1;
    }
    // Chance: a random matching of N signers gets 1 right on average; 6 or more has
    // probability below 0.001. With millisecond times both joins got all N.
    expect(byRank).toBeLessThanOrEqual(5);
    expect(byTime).toBeLessThanOrEqual(5);
    // The times carry no more than the day (wall) and the hour (log).
    for (const s of wall) expect(s.confirmedAt % 86_400_000).toBe(0);
    for (const e of adds) expect(e.time % 3_600_000).toBe(0);
  });
});
