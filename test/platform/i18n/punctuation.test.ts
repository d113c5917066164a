import { describe, expect, it } from 'vitest';
import { adminWords } from '../../../src/admin/admin.messages.ts';
import { queueWords } from '../../../src/admin/endorsement-queue.messages.ts';
import { docsWords } from '../../../src/docs/docs.messages.ts';
import { endorseWords } from '../../../src/endorsements/endorsements.messages.ts';
import { logWords } from '../../../src/log/log.messages.ts';
import type { Lang } from '../../../src/platform/i18n/lang.ts';
import { messages } from '../../../src/platform/i18n/messages.ts';
import { signWords } from '../../../src/signatures/signatures.messages.ts';
import { statsWords } from '../../../src/stats/stats.messages.ts';

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

const SOURCES: Record<string, (lang: Lang) => unknown> = {
  messages,
  signWords,
  endorseWords,
  adminWords,
  queueWords,
  logWords,
  statsWords,
  docsWords,
};

describe('Chinese interface text (issue 18)', () => {
  for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
    it(`uses full-width punctuation in ${lang}`, () => {
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
