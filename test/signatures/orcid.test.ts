import { describe, expect, it } from 'vitest';
import { normaliseOrcid, orcidCheckDigit } from '../../src/signatures/orcid.ts';

describe('ORCID iD', () => {
  it('accepts valid iDs, including X check digits, and canonicalises them', () => {
    expect(normaliseOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid('0000-0002-1694-233X')).toBe('0000-0002-1694-233X');
    expect(normaliseOrcid('0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(normaliseOrcid('https://orcid.org/0000-0001-5109-3700')).toBe('0000-0001-5109-3700');
    expect(normaliseOrcid('0000000218250097')).toBe('0000-0002-1825-0097');
  });

  it('refuses a wrong check digit or format', () => {
    expect(normaliseOrcid('0000-0002-1825-0098')).toBeNull();
    expect(normaliseOrcid('0000-0002-1694-2339')).toBeNull();
    expect(normaliseOrcid('0000-0002-1825-009')).toBeNull();
    expect(normaliseOrcid('abcd-0002-1825-0097')).toBeNull();
  });

  it('computes the ISO 7064 MOD 11-2 digit', () => {
    expect(orcidCheckDigit('000000021825009')).toBe('7');
    expect(orcidCheckDigit('000000021694233')).toBe('X');
  });
});
