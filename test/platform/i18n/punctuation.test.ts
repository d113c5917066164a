import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../src/platform/i18n/lang.ts';

// GB/T 15834: in Chinese text the comma, colon, semicolon, question and exclamation
// marks and parentheses are full-width (，：；？！（）). A half-width one next to a Chinese
// character (on either side) is a slip.
const HAN = '\\p{Script=Han}';
const HALF_WIDTH_BY_HAN = new RegExp(`${HAN}\\s?[,:;?!()]|[,:;?!()]\\s?${HAN}`, 'u');

function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

// Every words module of src/ (`*.messages.ts`), so a new feature's words are checked
// too: each exported function is called with the language, and each exported table read
// at the language's key.
const modules = import.meta.glob<Record<string, unknown>>('../../../src/**/*.messages.ts', { eager: true });

const SOURCES: Record<string, (lang: Lang) => unknown> = Object.fromEntries(
  Object.entries(modules).flatMap(([file, mod]) =>
    Object.entries(mod).map(([name, value]) => [
      `${file.replace('../../../', '')}:${name}`,
      (lang: Lang) => {
        // Words functions take the language alone; helpers with other arguments are skipped.
        if (typeof value === 'function') return value.length === 1 ? value(lang) : undefined;
        return value && typeof value === 'object' && lang in value ? (value as Record<string, unknown>)[lang] : undefined;
      },
    ]),
  ),
);

describe('Chinese interface text (issue 18)', () => {
  for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
    it(`uses full-width punctuation in ${lang}`, () => {
      expect(Object.keys(modules).length).toBeGreaterThanOrEqual(10);
      const slips = Object.entries(SOURCES).flatMap(([name, words]) => strings(words(lang), name, []).filter(([, s]) => HALF_WIDTH_BY_HAN.test(s)));
      expect(slips).toEqual([]);
    });
  }

  it('finds the slips it is meant to find', () => {
    expect(HALF_WIDTH_BY_HAN.test('没有这个倡议,或者')).toBe(true);
    expect(HALF_WIDTH_BY_HAN.test('协调世界时(UTC)')).toBe(true);
    expect(HALF_WIDTH_BY_HAN.test('没有这个倡议，或者（UTC）')).toBe(false);
    expect(HALF_WIDTH_BY_HAN.test('Closes {date}: soon, (UTC)')).toBe(false);
  });
});
