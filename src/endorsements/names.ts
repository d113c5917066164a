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
// Unicode's confusables.txt (UTS #39) as a character map, about 28 KB gzipped.
import unhomoglyph from 'unhomoglyph';

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

// Invisible characters: default-ignorable code points (zero-width spaces and joiners,
// soft hyphens, bidi controls, variation selectors...) and other format characters.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

// Whitespace, full-width forms and invisible characters do not make a different society.
export function cleanName(s: string): string {
  return stripInvisible(s.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

// The UTS #39 skeleton: NFD, each character mapped by confusables.txt, NFD again.
// Two strings with the same skeleton look alike; never shown, only compared.
export function skeleton(s: string): string {
  return unhomoglyph(s.normalize('NFD')).normalize('NFD');
}

// The key a society's name is recognised by: cleaned, Chinese folded to Simplified
// (OpenCC), lower case, without spaces, then its confusables skeleton (lower-cased
// again, as confusables.txt maps some letters to capitals). 中国数\u200b学会,
// 中國數學會 and 中国数学会 have one key; so have "Chinese Mаthematical Society"
// (Cyrillic а) and "chinese mathematical society".
export function nameKey(input: string): string {
  const name = cleanName(input);
  const folded = hasHan(name) ? toHans(name) : name;
  return skeleton(folded.toLowerCase().replace(/\s+/g, '')).toLowerCase();
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

// The form text is searched in: NFKC, invisible characters removed, lower case, Chinese
// folded to Simplified (OpenCC, character level). Stored keys and queries are both
// folded, so 大学 finds 大學 and the reverse.
export function searchKey(s: string): string {
  const t = stripInvisible(s.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ');
  return hasHan(t) ? toHans(t) : t;
}

// What a query is looked for as: its folded form, plus the forms a key not folded yet
// (raw text written by a trigger, folded later) may hold: as typed, and in Traditional.
export function searchNeedles(q: string): string[] {
  const raw = stripInvisible(q.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
  const folded = searchKey(raw).trim();
  return [...new Set([folded, raw, hasHan(folded) ? toHant(folded) : folded])].filter(Boolean);
}
