/// <reference types="vite/client" />
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTED_ENDORSEMENT_STATES, COUNTED_SIGNATURE_STATES, COUNTERS, SOURCES, stateTriggers, triggerMigration } from '../../src/counts/counters.ts';
import { findDrift } from '../../src/counts/counts.cron.ts';
import { ENDORSEMENT_STATES, SIGNATURE_STATES } from '../../src/platform/db/states.ts';

// The migrations as text (Vite inlines them at build time; the Worker has no file system).
const files = import.meta.glob<string>('../../migrations/*_counter_rules.sql', { query: '?raw', import: 'default', eager: true });

describe('the counting rules table (src/counts/counters.ts) and the database agree', () => {
  it('the newest counter-rules migration is exactly what the table generates (run `npm run db:triggers`)', () => {
    const newest = Object.keys(files).sort().at(-1);
    expect(newest).toBeDefined();
    expect(files[newest!]).toBe(triggerMigration());
  });

  it('after all migrations, the triggers on signatures and endorsements are exactly the generated ones', async () => {
    const { results } = await env.DB.prepare(
      // Other features keep triggers of their own on these tables (search keys, token
      // erasure); the state triggers are the counters' and the log's.
      `SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('signatures', 'endorsements')
         AND (name LIKE '%_count_%' ESCAPE '\\' OR name LIKE 'log_%' ESCAPE '\\') ORDER BY name`,
    ).all<{ name: string; tableName: string; sql: string }>();
    const expected = stateTriggers().map((t) => ({ name: t.name, tableName: t.table, sql: t.sql }));
    expect(results).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)));
    // Four per source for the counters and four for the log.
    expect(results).toHaveLength(Object.keys(SOURCES).length * 8);
  });

  it('names the rules: a signature counts while confirmed, an endorsement while verified', () => {
    expect(COUNTED_SIGNATURE_STATES).toEqual(['confirmed']);
    expect(COUNTED_ENDORSEMENT_STATES).toEqual(['verified']);
    expect(COUNTERS.map((c) => c.metric)).toEqual(['individuals', 'field', 'region', 'society', 'hour', 'day', 'societies']);
  });
});

// Every state change, row by row: the counters of a fresh pledge and the log entries of
// the row move exactly when the row enters or leaves a counted state.
describe('a counted state change moves the counters and the log; any other change does not', () => {
  let pledgeId: number;
  let societyId: number;
  const at = Date.UTC(2026, 0, 2, 3, 4, 5);

  beforeAll(async () => {
    const slug = `rules-${crypto.randomUUID().slice(0, 8)}`;
    pledgeId = (await env.DB.prepare(`INSERT INTO pledges (slug, status) VALUES (?1, 'open') RETURNING id`).bind(slug).first<number>('id'))!;
    societyId = (await env.DB.prepare(`INSERT INTO societies (name_en) VALUES (?1) RETURNING id`).bind(`Society of ${slug}`).first<number>('id'))!;
  });

  const counterValues = async () => {
    const { results } = await env.DB.prepare('SELECT metric, bucket, value FROM counters WHERE pledge_id = ?1')
      .bind(pledgeId)
      .all<{ metric: string; bucket: string; value: number }>();
    return new Map(results.map((r) => [`${r.metric}/${r.bucket}`, r.value]));
  };
  const logCount = async (subject: string, id: number) =>
    (await env.DB.prepare('SELECT count(*) AS n FROM log_entries WHERE pledge_id = ?1 AND subject_type = ?2 AND subject_id = ?3').bind(pledgeId, subject, id).first<number>('n'))!;
  // Counters that changed, as key -> difference.
  const diff = (before: Map<string, number>, after: Map<string, number>) => {
    const out: Record<string, number> = {};
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      const d = (after.get(k) ?? 0) - (before.get(k) ?? 0);
      if (d !== 0) out[k] = d;
    }
    return out;
  };

  // The buckets one signature row below falls in (it has a society, a field, a region, a confirmation time).
  const signatureBuckets = ['individuals/', 'field/medicine', 'region/CN-HB', 'society/SOCIETY', 'hour/2026-01-02T03', 'day/2026-01-02'];
  const moved = (buckets: string[], by: number) => (by === 0 ? {} : Object.fromEntries(buckets.map((b) => [b.replace('SOCIETY', String(societyId)), by])));

  const insertSignature = (state: string) =>
    env.DB.prepare(
      `INSERT INTO signatures (pledge_id, lang, text_version, state, field, region, society_id, confirmed_at) VALUES (?1, 'en', 'v', ?2, 'medicine', 'CN-HB', ?3, ?4) RETURNING id`,
    )
      .bind(pledgeId, state, societyId, at)
      .first<number>('id');
  const insertEndorsement = async (state: string) => {
    const society = await env.DB.prepare(`INSERT INTO societies (name_en) VALUES (?1) RETURNING id`).bind(`Endorser ${crypto.randomUUID()}`).first<number>('id');
    return env.DB.prepare(`INSERT INTO endorsements (pledge_id, society_id, state) VALUES (?1, ?2, ?3) RETURNING id`).bind(pledgeId, society, state).first<number>('id');
  };

  const cases = [
    {
      table: 'signatures',
      subject: 'individual',
      states: SIGNATURE_STATES,
      counted: COUNTED_SIGNATURE_STATES as readonly string[],
      insert: insertSignature,
      buckets: () => signatureBuckets,
    },
    {
      table: 'endorsements',
      subject: 'society',
      states: ENDORSEMENT_STATES,
      counted: COUNTED_ENDORSEMENT_STATES as readonly string[],
      insert: insertEndorsement,
      buckets: () => ['societies/'],
    },
  ] as const;

  for (const c of cases) {
    const counts = (s: string) => (c.counted.includes(s) ? 1 : 0);

    it(`${c.table}: every insert, update between any two states, and delete`, async () => {
      for (const from of c.states) {
        let before = await counterValues();
        const id = (await c.insert(from))!;
        expect(diff(before, await counterValues()), `insert ${from}`).toEqual(moved(c.buckets(), counts(from)));
        expect(await logCount(c.subject, id), `log after insert ${from}`).toBe(counts(from));

        for (const to of c.states) {
          if (to === from) continue;
          await env.DB.prepare(`UPDATE ${c.table} SET state = ?2 WHERE id = ?1`).bind(id, from).run();
          before = await counterValues();
          const logAtFrom = await logCount(c.subject, id);
          await env.DB.prepare(`UPDATE ${c.table} SET state = ?2 WHERE id = ?1`).bind(id, to).run();
          const by = counts(to) - counts(from);
          expect(diff(before, await counterValues()), `${from} -> ${to}`).toEqual(moved(c.buckets(), by));
          expect(await logCount(c.subject, id), `log ${from} -> ${to}`).toBe(logAtFrom + Math.abs(by));
        }

        await env.DB.prepare(`UPDATE ${c.table} SET state = ?2 WHERE id = ?1`).bind(id, from).run();
        before = await counterValues();
        const logAtFrom = await logCount(c.subject, id);
        await env.DB.prepare(`DELETE FROM ${c.table} WHERE id = ?1`).bind(id).run();
        expect(diff(before, await counterValues()), `delete ${from}`).toEqual(moved(c.buckets(), -counts(from)));
        expect(await logCount(c.subject, id), `log after delete ${from}`).toBe(logAtFrom + counts(from));
      }
      // Whatever the triggers did, the recount (generated from the same table) agrees.
      expect((await findDrift(env.DB)).filter((d) => d.pledgeId === pledgeId)).toEqual([]);
    });
  }

  it('a change of another column, even of a counted row, moves nothing', async () => {
    const id = (await insertSignature(COUNTED_SIGNATURE_STATES[0]!))!;
    const before = await counterValues();
    await env.DB.prepare(`UPDATE signatures SET hidden = 1, public = 1, updated_at = ?2 WHERE id = ?1`).bind(id, at).run();
    await env.DB.prepare(`UPDATE signatures SET state = state WHERE id = ?1`).bind(id).run();
    expect(diff(before, await counterValues())).toEqual({});
    expect(await logCount('individual', id)).toBe(1);
  });
});
