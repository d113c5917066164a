// Builds scripts/content/cast-2020.json (the three-language content of the first
// pledge) from the damaged seed seed/000_999186171fd44ce9.txt:
//   1. parseSeed (scripts/content/clean.ts): strip pinyin annotations, repair the
//      two mojibake spots and the converter's wrong one-to-many picks, split
//      the structure, rejoin broken society names -> cleaned Traditional text;
//   2. OpenCC: zh-Hant = cn->tw over the cleaned text (fixes the simplified
//      leftovers), zh-Hans = t->cn over the cleaned text;
//   3. attach the hand-written English (scripts/content/translation.en.ts);
//   4. validate everything below and write the JSON (stable key order, 2-space
//      indent, trailing newline: running it twice gives the identical file).
// Run: node scripts/build-content.ts
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { type CleanSeed, parseSeed } from './content/clean.ts';
import { CATEGORIES, type Category, EN_TEXT, type PledgeText, SOCIETIES_EN } from './content/translation.en.ts';

const SEED = 'seed/000_999186171fd44ce9.txt';
const OUT = 'scripts/content/cast-2020.json';

// Why these OpenCC configurations (checked against the seed, see the report
// printed below and the tests):
// - zh-Hans: from 't' (generic Traditional; the seed is mainland-style
//   Traditional, not Taiwan usage, so no Taiwan phrase mapping is wanted).
//   'tw'/'hk' as source give the identical result for this text.
// - zh-Hant: cn->tw applied to the *cleaned seed*, not to zh-Hans. Only
//   simplified leftovers change (并 后 愿 干 咨 辟 筑 范 斗 制 -> 並 後 願 幹 諮 闢
//   築 範 鬥 製); every Traditional character of the seed is kept.
//   Rejected alternatives:
//   * cn->t on zh-Hans rewrites the seed's characters into OpenCC's
//     "standard" forms (為->爲 ×16, 眾->衆 ×7, 群->羣 ×7, 針->鍼, …);
//   * cn->t on the seed still turns 群 into 羣 (×7);
//   * cn->tw on zh-Hans changes accepted variants the seed chose
//     (錘煉->錘鍊, 事跡->事蹟, 巖->岩).
const toHans = OpenCC.Converter({ from: 't', to: 'cn' });
const toHant = OpenCC.Converter({ from: 'cn', to: 'tw' });

type Lang = 'zh-Hans' | 'zh-Hant' | 'en';
interface Society {
  'zh-Hans': string;
  'zh-Hant': string;
  en: string;
  category: Category;
}
interface Content {
  slug: string;
  source: string;
  defaultLang: Lang;
  texts: Record<Lang, PledgeText>;
  societies: Society[];
}

const errors: string[] = [];
function check(ok: boolean, message: string): void {
  if (!ok) errors.push(message);
}

/** Rebuild a text with fixed key order (the JSON consumers rely on the shape). */
function textOf(t: PledgeText, convert: (s: string) => string = (s) => s): PledgeText {
  return {
    title: convert(t.title),
    subtitle: convert(t.subtitle),
    tagline: convert(t.tagline),
    intro: convert(t.intro),
    sections: t.sections.map((s) => ({ heading: convert(s.heading), body: convert(s.body) })),
    closing: convert(t.closing),
    societiesHeading: convert(t.societiesHeading),
  };
}

function allStrings(t: PledgeText): string[] {
  return [t.title, t.subtitle, t.tagline, t.intro, ...t.sections.flatMap((s) => [s.heading, s.body]), t.closing, t.societiesHeading];
}

/** Everything that is not a Han character: punctuation, digits, Latin. Must survive OpenCC unchanged. */
function nonHan(s: string): string {
  return s.replace(/\p{Script=Han}/gu, '');
}

const seed: CleanSeed = parseSeed(readFileSync(new URL(`../${SEED}`, import.meta.url), 'utf8'));
const hant = textOf(seed, toHant);
const hans = textOf(seed, toHans);
const en = textOf(EN_TEXT);

const societies: Society[] = seed.societies.map((name) => {
  const zhHans = toHans(name);
  const entry = SOCIETIES_EN[zhHans];
  check(entry !== undefined, `no English name/category for society ${zhHans}`);
  return { 'zh-Hans': zhHans, 'zh-Hant': toHant(name), en: entry?.en ?? '', category: entry?.category ?? 'other' };
});

// ---- validation -----------------------------------------------------------

const EXPECTED_SOCIETIES = 171;
check(societies.length === EXPECTED_SOCIETIES, `expected ${EXPECTED_SOCIETIES} societies, got ${societies.length}`);
for (const key of ['zh-Hans', 'zh-Hant', 'en'] as const) {
  const names = societies.map((s) => s[key]);
  check(new Set(names).size === names.length, `duplicate ${key} society names`);
  // Chinese names never contain whitespace (a space would be an unjoined fragment).
  const bad = key === 'en' ? /^\s|\s$|\s\s/u : /\s/u;
  for (const n of names) check(n !== '' && !bad.test(n), `bad ${key} society name: "${n}"`);
}
const used = new Set(societies.map((s) => s['zh-Hans']));
for (const key of Object.keys(SOCIETIES_EN)) check(used.has(key), `unused entry in SOCIETIES_EN: ${key}`);
for (const s of societies) check((CATEGORIES as readonly string[]).includes(s.category), `bad category for ${s['zh-Hans']}`);
check(societies[0]?.['zh-Hans'] === '中国数学会', 'first society should be 中国数学会');
check(societies.at(-1)?.['zh-Hans'] === '中国科技馆发展基金会', 'last society should be 中国科技馆发展基金会');

const zhTexts: [Lang, string][] = [
  ['zh-Hans', [...allStrings(hans), ...societies.map((s) => s['zh-Hans'])].join('\n')],
  ['zh-Hant', [...allStrings(hant), ...societies.map((s) => s['zh-Hant'])].join('\n')],
];
const seedText = [...allStrings(seed), ...seed.societies].join('\n');
for (const [lang, text] of zhTexts) {
  check(!/[(（][^)）]*\p{Script=Latin}[^)）]*[)）]/u.test(text), `${lang}: Latin letters inside parentheses (pinyin left?)`);
  check(!/[\u00C0-\u024F]/u.test(text), `${lang}: tone-marked Latin letters left`);
  check(!/[?？\uFFFD鳖绶萍冀]/u.test(text), `${lang}: mojibake remnant (? 鳖 绶 萍 冀 or U+FFFD)`);
  check(nonHan(text) === nonHan(seedText), `${lang}: punctuation/Latin differs from the cleaned seed`);
  check([...text].length === [...seedText].length, `${lang}: length differs from the cleaned seed`);
  check(text.includes('（排名不分先'), `${lang}: lost the real parenthesis （排名不分先后）`);
}
const hantText = zhTexts[1]?.[1] ?? '';
const hansText = zhTexts[0]?.[1] ?? '';
for (const s of ['堅定全社會抗疫信心。科技界積極開展心理疏導', '學必以服務人民為榮光。”預防並阻斷', '預防並阻斷', '守好後方', '科技志願服務', '檢驗幹部']) {
  check(hantText.includes(s), `zh-Hant lacks ${s}`);
}
for (const s of ['并', '后', '志愿', '干部']) check(!hantText.includes(s), `zh-Hant still contains simplified ${s}`);
for (const s of ['坚定全社会抗疫信心。科技界积极开展心理疏导', '学必以服务人民为荣光。”预防并阻断', '守好后方', '科技志愿服务', '检验干部']) {
  check(hansText.includes(s), `zh-Hans lacks ${s}`);
}
// The two scripts must agree: converting zh-Hant back gives zh-Hans, and
// zh-Hant is a fixed point of the cn->tw step.
check(toHans(hantText) === hansText, 'zh-Hant -> Simplified differs from zh-Hans');
check(toHant(hantText) === hantText, 'zh-Hant is not stable under cn->tw');

check(en.sections.length === 5, 'English must have 5 sections');
en.sections.forEach((s, i) => void check(s.heading.startsWith(`${i + 1}. `), `English heading ${i + 1} must start with "${i + 1}. "`));
for (const s of [...allStrings(en), ...societies.map((x) => x.en)]) {
  check(s.trim() !== '' && s === s.trim(), `empty or untrimmed English string: "${s}"`);
  check(!/\p{Script=Han}/u.test(s), `Chinese characters in English: ${s}`);
}

if (errors.length > 0) {
  // Throwing exits non-zero and writes nothing.
  throw new Error(`build-content: ${errors.length} problem(s):\n- ${errors.join('\n- ')}`);
}

const content: Content = {
  slug: 'cast-2020',
  source: SEED,
  defaultLang: 'zh-Hans',
  texts: { 'zh-Hans': hans, 'zh-Hant': hant, en },
  societies,
};
writeFileSync(new URL(`../${OUT}`, import.meta.url), `${JSON.stringify(content, null, 2)}\n`);

const byCategory = new Map<string, number>();
for (const s of societies) byCategory.set(s.category, (byCategory.get(s.category) ?? 0) + 1);
console.log(
  `${OUT}: ${societies.length} societies (${[...byCategory].map(([c, n]) => `${c} ${n}`).join(', ')}), ` +
    `${en.sections.length} sections, languages ${Object.keys(content.texts).join(', ')}`,
);
