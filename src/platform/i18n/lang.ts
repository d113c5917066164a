// Language negotiation: ?lang= (remembered in a cookie), else the cookie, else
// Accept-Language, else the pledge's original language.
export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-Hans';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

// Maps one BCP 47 tag to a supported language. Traditional script is signalled either
// explicitly (zh-Hant) or by region (Taiwan, Hong Kong, Macau).
export function langFromTag(tag: string): Lang | undefined {
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) {
    if (/^zh-(hant|tw|hk|mo)\b/.test(t)) return 'zh-Hant';
    return 'zh-Hans';
  }
  return undefined;
}

export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const r of ranked) {
    const lang = langFromTag(r.tag);
    if (lang) return lang;
  }
  return undefined;
}

export function negotiateLang(input: { query?: string; cookie?: string; acceptLanguage?: string }): Lang {
  if (isLang(input.query)) return input.query;
  if (isLang(input.cookie)) return input.cookie;
  return langFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANG;
}

// The HTML lang attribute value for each language.
export const HTML_LANG: Record<Lang, string> = { 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant', en: 'en' };
