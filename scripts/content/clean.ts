/**
 * Cleaning rules for the damaged seed of the first pledge
 * (seed/000_999186171fd44ce9.txt: 中国科协 2020 appeal to scientists).
 *
 * The seed is Traditional Chinese produced by a broken converter. This module
 * undoes that damage and returns the cleaned Traditional text, still *before*
 * any OpenCC step (the build script does the script conversion, so this module
 * stays dependency-free).
 *
 * Pure functions only: no Node imports, because the tests import this module
 * inside workerd.
 */

/** Cleaned, still-Traditional structure of the seed. */
export interface CleanSection {
  heading: string;
  body: string;
}

export interface CleanSeed {
  title: string;
  subtitle: string;
  tagline: string;
  intro: string;
  sections: CleanSection[];
  closing: string;
  societiesHeading: string;
  societies: string[];
}

/** Lower-case pinyin letters: a-z plus tone-marked vowels, ü and the rare tone-marked n/m. */
const PINYIN_LETTERS = 'a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ';

/**
 * A pinyin annotation: an opening parenthesis (ASCII or full-width) directly
 * after a Han character, containing one or more lower-case pinyin syllables
 * (optionally padded / separated by spaces, e.g. `(huì )`), then the closing
 * parenthesis.
 *
 * Why these constraints:
 * - The broken converter appended the reading right after the character it
 *   converted (`書(shū)`, `會(huì )`), so we require a preceding Han character.
 * - Only lower-case Latin letters are accepted, so genuine parentheses such as
 *   `(排名不分先后)` (Han content) are kept, and so would be an upper-case
 *   abbreviation like `(AI)` if one were ever added.
 * - Some annotations carry a stray space before the closing paren
 *   (`(huì )`, `(luò )`, `(chuàng )`), hence the optional whitespace.
 */
const PINYIN_ANNOTATION = new RegExp(`(?<=\\p{Script=Han})[(（]\\s*[${PINYIN_LETTERS}]+(?:\\s+[${PINYIN_LETTERS}]+)*\\s*[)）]`, 'gu');

/** Remove every pinyin annotation; all other text (and real parentheses) is untouched. */
export function stripPinyin(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '');
}

/**
 * Known mojibake in the seed (UTF-8 bytes that were decoded as GBK somewhere
 * upstream; the damage is lossy — note the literal `?` — so it cannot be
 * reversed by re-encoding and is repaired from this explicit table instead).
 *
 * Keys are the damaged strings *after* stripPinyin (the seed has
 * `信心??萍冀绶e極開(kāi)展`); a little undamaged context is included on both
 * sides so a key cannot match anywhere else by accident. Values keep the
 * seed's (partially converted) Traditional text — e.g. the simplified
 * leftover 并 stays here and is fixed later by the OpenCC step, like every
 * other leftover.
 */
export const MOJIBAKE_REPAIRS: ReadonlyArray<readonly [damaged: string, repaired: string]> = [
  // 。科技界 -> ??萍冀绶e : sentence end + start of "科技界積極開展心理疏導…"
  ['信心??萍冀绶e極開展', '信心。科技界積極開展'],
  // 。” -> ?!  and 預 -> 鳖A : end of the quoted maxim + start of "預防并阻斷…"
  ['榮光?!鳖A防并', '榮光。”預防并'],
];

/**
 * Replace each known damaged string by its repair. Returns the text and the
 * number of repairs made; callers should check `repaired` against
 * `MOJIBAKE_REPAIRS.length` (parseSeed does, so a changed seed fails loudly
 * instead of silently keeping mojibake).
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let out = text;
  let repaired = 0;
  for (const [damaged, fixed] of MOJIBAKE_REPAIRS) {
    const parts = out.split(damaged);
    repaired += parts.length - 1;
    out = parts.join(fixed);
  }
  return { text: out, repaired };
}

/**
 * Every co-signing society's name starts with one of these (both scripts, so
 * the function also works on converted text).
 */
const SOCIETY_PREFIXES = ['中國', '中国', '中華', '中华', '國際', '国际'];

/**
 * Split the societies line into names.
 *
 * The line separates names by spaces, but the converter also broke some long
 * names across a space (`中國生物多樣性保護與 綠色發展基金會`,
 * `國際粉體檢測與控制聯 合會`). Every genuine name begins with 中國/中華/國際,
 * so a token that does not start with one of those prefixes is the tail of the
 * previous name and is joined to it without a space.
 */
export function joinSocietyTokens(line: string): string[] {
  const names: string[] = [];
  for (const token of line.trim().split(/\s+/u)) {
    if (token === '') continue;
    if (SOCIETY_PREFIXES.some((p) => token.startsWith(p))) {
      names.push(token);
    } else {
      const previous = names.pop();
      if (previous === undefined) {
        throw new Error(`societies line starts with a fragment, not a society name: ${token}`);
      }
      names.push(previous + token);
    }
  }
  return names;
}

/**
 * Wrong one-to-many mappings of the broken converter. Simplified 复 and 系 each
 * stand for several Traditional characters (复 = 復/複, 系 = 系/係/繫); the
 * converter always picked the first, which is wrong in these words. OpenCC
 * cannot fix them later because the seed's character is already a valid
 * Traditional character (it only fixes *simplified* leftovers), so they are
 * corrected here from an explicit, reviewed table. Found by diffing the
 * cn->tw conversion of the cleaned seed with the cn->tw conversion of its
 * t->cn (zh-Hans) round trip; the remaining differences of that diff are
 * accepted Traditional variants (錘煉/錘鍊, 事跡/事蹟, 巖/岩) and are left as in
 * the seed. Each key occurs only where the fix applies; the Simplified text is the
 * same either way (複/復 -> 复, 繫 -> 系).
 */
export const ONE_TO_MANY_FIXES: ReadonlyArray<readonly [wrong: string, right: string]> = [
  ['更復雜', '更複雜'], // 复杂 "complex" is 複雜, not 復雜 (復 = "return/restore")
  ['聯系', '聯繫'], // 联系 "contact/connection" is 聯繫 (2×: 聯系渠道, 開放聯系)
  ['復合材料', '複合材料'], // 中国复合材料学会: "composite" is 複合
];

/** Apply ONE_TO_MANY_FIXES; returns the text and how many table entries were found. */
export function fixOneToMany(text: string): { text: string; fixed: number } {
  let out = text;
  let fixed = 0;
  for (const [wrong, right] of ONE_TO_MANY_FIXES) {
    if (out.includes(wrong)) fixed += 1;
    out = out.split(wrong).join(right);
  }
  return { text: out, fixed };
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五'] as const;

/**
 * Parse the raw seed into the cleaned Traditional structure.
 *
 * Order of operations (why): pinyin first, because one damaged string has an
 * annotation inside it (`開(kāi)展`); then the mojibake table; then the
 * one-to-many table; then the line-based structure, which is fixed (17
 * non-empty lines):
 *   title, subtitle, tagline (the `——…` line), intro,
 *   5 × (heading `一、…。`, body), closing (starts with “),
 *   societies heading (`…(排名不分先后):`), societies line.
 * Any deviation throws, so a different/changed seed cannot be half-parsed.
 * Simplified leftovers (并, 后, 志愿, 干部, …) are NOT fixed here: that is the
 * job of the OpenCC cn->tw step in scripts/build-content.ts.
 */
const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

/**
 * GB/T 15834 (issue 18): in Chinese prose the comma, colon, semicolon, question and
 * exclamation marks and parentheses are full-width. The scraped seed has half-width
 * ones; each next to a Han character (either side) becomes full-width, and a
 * parenthesis pair does when either of its marks does.
 */
export function fullWidthPunctuation(line: string): string {
  // Han, or CJK punctuation already full-width (“）:” becomes “）：”).
  const han = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  const chars = [...line];
  const nearHan = (i: number) => han.test(chars[i - 1] ?? '') || han.test(chars[i + 1] ?? '');
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '(') open.push(i);
    else if (c === ')') {
      const start = open.pop();
      if (start !== undefined && (nearHan(start) || nearHan(i))) {
        chars[start] = '（';
        chars[i] = '）';
      }
    } else if (',:;?!'.includes(c) && nearHan(i)) chars[i] = HALF_TO_FULL[c]!;
  }
  return chars.join('');
}

export function parseSeed(raw: string): CleanSeed {
  const text = raw.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const mojibake = repairMojibake(stripPinyin(text));
  if (mojibake.repaired !== MOJIBAKE_REPAIRS.length) {
    throw new Error(`expected ${MOJIBAKE_REPAIRS.length} mojibake repairs, made ${mojibake.repaired}`);
  }
  const oneToMany = fixOneToMany(mojibake.text);
  if (oneToMany.fixed !== ONE_TO_MANY_FIXES.length) {
    throw new Error(`expected all ${ONE_TO_MANY_FIXES.length} one-to-many fixes to apply, applied ${oneToMany.fixed}`);
  }

  const lines = oneToMany.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // Prose lines only; the last line (society names, space-separated) stays as written.
  for (let n = 0; n < lines.length - 1; n++) lines[n] = fullWidthPunctuation(lines[n]!);
  const expectedLines = 4 + SECTION_NUMERALS.length * 2 + 3;
  if (lines.length !== expectedLines) {
    throw new Error(`expected ${expectedLines} non-empty lines, got ${lines.length}`);
  }
  let i = 0;
  const next = (): string => {
    const line = lines[i++];
    if (line === undefined) throw new Error('seed ended early');
    return line;
  };

  const title = next();
  const subtitle = next();
  const tagline = next();
  if (!tagline.startsWith('——')) throw new Error(`line 3 is not the —— tagline: ${tagline}`);
  const intro = next();

  const sections: CleanSection[] = [];
  for (const numeral of SECTION_NUMERALS) {
    const heading = next();
    const body = next();
    if (!heading.startsWith(`${numeral}、`)) {
      throw new Error(`expected section heading ${numeral}、…, got: ${heading}`);
    }
    sections.push({ heading, body });
  }

  const closing = next();
  if (!closing.startsWith('“')) throw new Error(`closing paragraph should start with “: ${closing}`);
  const societiesHeading = next();
  if (!/[:：]$/u.test(societiesHeading)) {
    throw new Error(`societies heading should end with a colon: ${societiesHeading}`);
  }
  const societies = joinSocietyTokens(next());

  // Prose lines must not contain spaces: the only spaces in the seed are the
  // society separators and the ones inside pinyin annotations.
  const prose = [title, subtitle, tagline, intro, closing, societiesHeading, ...sections.flatMap((s) => [s.heading, s.body])];
  for (const l of prose) {
    if (/\s/u.test(l)) throw new Error(`unexpected whitespace in line: ${l}`);
  }

  return { title, subtitle, tagline, intro, sections, closing, societiesHeading, societies };
}
