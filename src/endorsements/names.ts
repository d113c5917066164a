// Society names in both Chinese scripts, to recognise a society however it is typed.
//
// Bundle: only the character dictionaries (about 60 KB raw) are imported through
// `opencc-js/core`; the full converters add STPhrases (1 MB), too heavy for the Worker.
// Character-level conversion is exact for matching (Traditional -> Simplified is
// nearly one-to-one) and good enough for the display name of a new society, which an
// organiser sees before verifying.
import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';

let toHansFn: ((s: string) => string) | undefined;
let toHantFn: ((s: string) => string) | undefined;

// Built on first use (a few ms), then kept for the isolate's life.
export function toHans(s: string): string {
  toHansFn ??= ConverterFactory([TSPhrases, TSCharacters]);
  return toHansFn(s);
}

export function toHant(s: string): string {
  toHantFn ??= ConverterFactory([STCharacters], [TWVariants]);
  return toHantFn(s);
}

// Whitespace and full-width forms do not make a different society.
export function cleanName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function hasHan(s: string): boolean {
  return /\p{Script=Han}/u.test(s);
}

// The forms to look a name up by: Chinese in both scripts, or an English name.
export function nameForms(input: string): { hans: string | null; hant: string | null; en: string | null } {
  const name = cleanName(input);
  if (!hasHan(name)) return { hans: null, hant: null, en: name };
  const compact = name.replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, '');
  return { hans: toHans(compact), hant: toHant(toHans(compact)), en: null };
}
