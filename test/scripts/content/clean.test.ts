/// <reference types="vite/client" />
// Content of the first pledge: the seed cleaning rules (scripts/content/clean.ts)
// and the generated scripts/content/cast-2020.json (scripts/build-content.ts).
// Runs inside workerd: no node:fs, the seed comes in through Vite's ?raw.

import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import content from '../../../scripts/content/cast-2020.json';
import { fullWidthPunctuation, joinSocietyTokens, parseSeed, repairMojibake, stripPinyin } from '../../../scripts/content/clean.ts';
import { CATEGORIES, SOCIETIES_EN } from '../../../scripts/content/translation.en.ts';
import raw from '../../../seed/000_999186171fd44ce9.txt?raw';

type Text = (typeof content.texts)['en'];
const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
const DAMAGED = ['信心??萍冀绶e極開(kāi)展', '榮光?!鳖A防并'];
const PINYIN_IN_PARENS = /[(（][^)）]*\p{Script=Latin}[^)）]*[)）]/u;

function strings(t: Text): string[] {
  return [t.title, t.subtitle, t.tagline, t.intro, ...t.sections.flatMap((s) => [s.heading, s.body]), t.closing, t.societiesHeading];
}
function fullText(lang: (typeof LANGS)[number]): string {
  const names = content.societies.map((s) => s[lang]);
  return [...strings(content.texts[lang]), ...names].join('\n');
}

describe('fullWidthPunctuation (issue 18, GB/T 15834)', () => {
  it('makes punctuation next to Han characters full-width, and leaves Latin text alone', () => {
    expect(fullWidthPunctuation('战“疫”有我,为决胜攻坚')).toBe('战“疫”有我，为决胜攻坚');
    expect(fullWidthPunctuation('全国学会(排名不分先后):')).toBe('全国学会（排名不分先后）：');
    expect(fullWidthPunctuation('利用5G、人工智能(AI)等')).toBe('利用5G、人工智能（AI）等');
    expect(fullWidthPunctuation('In English, (really): yes!')).toBe('In English, (really): yes!');
  });

  it('leaves no half-width ,:;?!() next to Han characters in the seed texts', () => {
    const slip = /[\p{Script=Han}][,:;?!()]|[,:;?!()][\p{Script=Han}]/u;
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      // Every string of the text (title, tagline, sections, closing...), as JSON.
      const text = JSON.stringify(content.texts[lang]);
      expect(text.length).toBeGreaterThan(1000);
      expect(text.match(new RegExp(slip.source, 'gu')) ?? [], lang).toEqual([]);
    }
  });
});

describe('stripPinyin', () => {
  it('removes annotations, including ones with a stray space', () => {
    expect(stripPinyin('學(xué)會(huì )')).toBe('學會');
    expect(stripPinyin('倡議書(shū)')).toBe('倡議書');
    expect(stripPinyin('網絡(luò )平臺')).toBe('網絡平臺');
    expect(stripPinyin('綠(lǜ)色')).toBe('綠色');
    expect(stripPinyin('學（xué）')).toBe('學');
  });
  it('keeps real parentheses', () => {
    expect(stripPinyin('全國學(xué)會(huì )(排名不分先后):')).toBe('全國學會(排名不分先后):');
    expect(stripPinyin('人工智能(AI)')).toBe('人工智能(AI)');
    expect(stripPinyin('see (note) here')).toBe('see (note) here');
  });
});

describe('repairMojibake', () => {
  it('repairs the two known damaged strings and counts them', () => {
    const damaged = stripPinyin(`堅定全社會抗疫信心??萍冀绶e極開(kāi)展心理疏導。學必以服務人民為榮光?!鳖A防并阻斷`);
    expect(repairMojibake(damaged)).toEqual({
      text: '堅定全社會抗疫信心。科技界積極開展心理疏導。學必以服務人民為榮光。”預防并阻斷',
      repaired: 2,
    });
  });
  it('leaves clean text alone', () => {
    expect(repairMojibake('信心。科技界')).toEqual({ text: '信心。科技界', repaired: 0 });
  });
});

describe('joinSocietyTokens', () => {
  it('joins fragments that do not start with 中國/中華/國際 to the previous name', () => {
    expect(joinSocietyTokens('中國數學會 中國生物多樣性保護與 綠色發展基金會 國際粉體檢測與控制聯 合會 中華醫學會')).toEqual([
      '中國數學會',
      '中國生物多樣性保護與綠色發展基金會',
      '國際粉體檢測與控制聯合會',
      '中華醫學會',
    ]);
  });
  it('rejects a line that starts with a fragment', () => {
    expect(() => joinSocietyTokens('學會 中國數學會')).toThrow();
  });
});

describe('parseSeed', () => {
  const seed = parseSeed(raw);

  it('starts from the damaged seed', () => {
    for (const d of DAMAGED) expect(raw).toContain(d);
    expect(raw).toContain('(huì )');
  });
  it('returns the cleaned Traditional structure', () => {
    expect(seed.title).toBe('向全國科技工作者的倡議書');
    expect(seed.subtitle).toBe('戰“疫”有我，為決勝攻堅提供科技志愿服務');
    expect(seed.tagline).toBe('——向全國科技工作者的倡議');
    expect(seed.sections.map((s) => s.heading)).toEqual([
      '一、眾志成城，服務一線。',
      '二、協同攻關，服務決策。',
      '三、全域科普，服務社會。',
      '四、資源下沉，服務基層。',
      '五、強化堡壘，服務群眾。',
    ]);
    expect(seed.closing.startsWith('“研當以報效國家為己任，學必以服務人民為榮光。”預防并阻斷')).toBe(true);
    expect(seed.societiesHeading).toBe('聯合倡議的全國學會（排名不分先后）：');
    const all = [...strings(seed), ...seed.societies].join('\n');
    expect(all).not.toMatch(PINYIN_IN_PARENS);
    for (const d of DAMAGED) expect(all).not.toContain(d);
    expect(all).toContain('堅定全社會抗疫信心。科技界積極開展心理疏導');
  });
  it('finds 171 distinct societies', () => {
    expect(seed.societies).toHaveLength(171);
    expect(new Set(seed.societies).size).toBe(171);
    for (const n of seed.societies) expect(n).not.toMatch(/\s/u);
  });
  it('gives the JSON societies modulo the OpenCC step', () => {
    const toHant = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const toHans = OpenCC.Converter({ from: 't', to: 'cn' });
    expect(seed.societies.map(toHant)).toEqual(content.societies.map((s) => s['zh-Hant']));
    expect(seed.societies.map(toHans)).toEqual(content.societies.map((s) => s['zh-Hans']));
  });
});

describe('cast-2020.json', () => {
  it('has the agreed shape', () => {
    expect(Object.keys(content)).toEqual(['slug', 'source', 'defaultLang', 'texts', 'societies']);
    expect(content.slug).toBe('cast-2020');
    expect(content.defaultLang).toBe('zh-Hans');
    expect(Object.keys(content.texts)).toEqual([...LANGS]);
    for (const lang of LANGS) {
      expect(Object.keys(content.texts[lang])).toEqual(['title', 'subtitle', 'tagline', 'intro', 'sections', 'closing', 'societiesHeading']);
      expect(content.texts[lang].sections).toHaveLength(5);
      for (const s of strings(content.texts[lang])) expect(s.trim()).not.toBe('');
    }
  });

  it.each(LANGS)('%s has no pinyin annotation and no mojibake', (lang) => {
    const text = fullText(lang);
    // Chinese: no Latin letters inside parentheses at all. English has real
    // parentheses with Latin text, so there: no tone-marked pinyin letters.
    expect(text).not.toMatch(lang === 'en' ? /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u : PINYIN_IN_PARENS);
    for (const d of DAMAGED) expect(text).not.toContain(d);
    expect(text).not.toMatch(/[?？\uFFFD鳖]/u);
  });

  it('zh-Hant has the repaired sentences and no simplified leftovers', () => {
    const text = fullText('zh-Hant');
    for (const s of ['堅定全社會抗疫信心。科技界積極開展心理疏導', '學必以服務人民為榮光。”預防並阻斷', '預防並阻斷', '守好後方', '科技志願服務', '檢驗幹部']) {
      expect(text).toContain(s);
    }
    for (const s of ['预防并阻断', '預防并阻斷', '守好后方', '志愿', '干部', '并']) expect(text).not.toContain(s);
    // Punctuation exactly as in the seed (ASCII comma and colon, curly quotes).
    expect(content.texts['zh-Hant'].subtitle).toBe('戰“疫”有我，為決勝攻堅提供科技志願服務');
    expect(content.texts['zh-Hant'].societiesHeading).toBe('聯合倡議的全國學會（排名不分先後）：');
  });

  it('zh-Hans has the repaired sentences', () => {
    const text = fullText('zh-Hans');
    for (const s of ['坚定全社会抗疫信心。科技界积极开展心理疏导', '学必以服务人民为荣光。”预防并阻断', '守好后方', '科技志愿服务', '检验干部']) {
      expect(text).toContain(s);
    }
    expect(content.texts['zh-Hans'].title).toBe('向全国科技工作者的倡议书');
    expect(content.texts['zh-Hans'].societiesHeading).toBe('联合倡议的全国学会（排名不分先后）：');
  });

  it('lists 171 distinct societies in seed order', () => {
    const hans = content.societies.map((s) => s['zh-Hans']);
    expect(hans).toHaveLength(171);
    for (const lang of LANGS) expect(new Set(content.societies.map((s) => s[lang])).size).toBe(171);
    expect(hans[0]).toBe('中国数学会');
    expect(hans.at(-1)).toBe('中国科技馆发展基金会');
    expect(hans).toContain('中国生物多样性保护与绿色发展基金会');
    expect(hans).toContain('中国植物生理与植物分子生物学学会');
    expect(hans.indexOf('中国城市规划学会') + 1).toBe(hans.indexOf('中国生物多样性保护与绿色发展基金会'));
  });

  it('gives every society an English name and a valid category', () => {
    for (const s of content.societies) {
      expect(s.en.trim()).not.toBe('');
      expect(s.en).not.toMatch(/\p{Script=Han}/u);
      expect(CATEGORIES).toContain(s.category);
      expect(SOCIETIES_EN[s['zh-Hans']]).toEqual({ en: s.en, category: s.category });
    }
    expect(Object.keys(SOCIETIES_EN).sort()).toEqual(content.societies.map((s) => s['zh-Hans']).sort());
    expect(content.societies[0]).toEqual({ 'zh-Hans': '中国数学会', 'zh-Hant': '中國數學會', en: 'Chinese Mathematical Society', category: 'science' });
  });

  it('has an English text with 5 numbered sections', () => {
    const en = content.texts.en;
    expect(en.sections.map((s) => s.heading.slice(0, 3))).toEqual(['1. ', '2. ', '3. ', '4. ', '5. ']);
    for (const s of strings(en)) expect(s).not.toMatch(/\p{Script=Han}/u);
    expect(en.societiesHeading).toContain('in no particular order');
  });
});
