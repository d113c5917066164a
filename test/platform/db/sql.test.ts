/// <reference types="vite/client" />
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sqlList, sqlText } from '../../../src/platform/db/sql.ts';
import { ENDORSEMENT_STATES, SIGNATURE, SIGNATURE_STATES } from '../../../src/platform/db/states.ts';

// Every file that talks to D1, as text.
const sources = import.meta.glob<string>(['../../../src/**/*.queries.ts', '../../../src/**/*.cron.ts', '../../../src/**/*.actions.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('state constants written into SQL', () => {
  it('quotes plain words, and D1 reads them back as the same strings', async () => {
    expect(sqlText(SIGNATURE.confirmed)).toBe(`'confirmed'`);
    expect(sqlList(SIGNATURE_STATES)).toBe(`'pending', 'confirmed', 'withdrawn', 'invalidated', 'held'`);
    const row = await env.DB.prepare(`SELECT json_array(${sqlList(ENDORSEMENT_STATES)}) AS a`).first<string>('a');
    expect(JSON.parse(row!)).toEqual([...ENDORSEMENT_STATES]);
  });

  it('refuses anything that is not a constant word, and an empty list', () => {
    for (const bad of [`x'); DROP TABLE signatures; --`, "o'clock", 'Confirmed', '', 'a b', 'état']) expect(() => sqlText(bad)).toThrow(/not a SQL constant/);
    expect(() => sqlList([])).toThrow(/empty/);
  });

  it('names each state by itself', () => {
    for (const s of SIGNATURE_STATES) expect(SIGNATURE[s]).toBe(s);
    expect(Object.isFrozen(SIGNATURE)).toBe(true);
  });
});

describe('no query spells a state', () => {
  // A state written as a literal in SQL or in a drizzle condition: state = 'x', state IN ('x', ...),
  // THEN 'x' / ELSE 'x', eq(t.state, 'x'), inArray(t.state, ['x']).
  const words = [...new Set([...SIGNATURE_STATES, ...ENDORSEMENT_STATES])].join('|');
  const literal = new RegExp(`(\\bstate\\s*(=|!=|<>|IN\\s*\\()\\s*'|\\b(THEN|ELSE)\\s+'(${words})'|\\.state,\\s*\\[?\\s*'|VALUES\\s*\\([^)]*'(${words})')`, 'i');

  it('every state in a query comes from the constants (sqlList / sqlText, or drizzle with the constants)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    const found = Object.entries(sources).flatMap(([file, text]) =>
      text.split('\n').flatMap((line, i) => (literal.test(line) ? [`${file.replace('../../../', '')}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('the check sees the forms it forbids', () => {
    for (const bad of [
      `WHERE state = 'confirmed'`,
      `AND state IN ('pending', 'held')`,
      `THEN 'held' ELSE 'pending' END`,
      `eq(endorsements.state, 'verified')`,
      `VALUES (?1, 'pending', ?2)`,
    ])
      expect(literal.test(bad), bad).toBe(true);
    for (const ok of [
      'WHERE state = ${sqlText(SIGNATURE.confirmed)}',
      'state IN (${sqlList(WITHDRAWABLE_STATES)})',
      `status: 'pending'`,
      'eq(endorsements.state, ENDORSEMENT.verified)',
    ])
      expect(literal.test(ok), ok).toBe(false);
  });
});
