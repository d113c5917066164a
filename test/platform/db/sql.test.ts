import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sqlList, sqlText } from '../../../src/platform/db/sql.ts';
import { ENDORSEMENT_STATES, SIGNATURE, SIGNATURE_STATES } from '../../../src/platform/db/states.ts';

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
