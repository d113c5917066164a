import { describe, expect, it } from 'vitest';
import { langFromAcceptLanguage, negotiateLang } from '../../../src/platform/i18n/lang.ts';

describe('negotiateLang', () => {
  it('prefers the query, then the cookie, then Accept-Language, then zh-Hans', () => {
    expect(negotiateLang({ query: 'en', cookie: 'zh-Hant', acceptLanguage: 'zh-CN' })).toBe('en');
    expect(negotiateLang({ query: 'xx', cookie: 'zh-Hant', acceptLanguage: 'en' })).toBe('zh-Hant');
    expect(negotiateLang({ acceptLanguage: 'fr-FR, en;q=0.5' })).toBe('en');
    expect(negotiateLang({ acceptLanguage: 'fr-FR' })).toBe('zh-Hans');
    expect(negotiateLang({})).toBe('zh-Hans');
  });

  it('maps Chinese tags to the right script', () => {
    expect(langFromAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh-Hant');
    expect(langFromAcceptLanguage('zh-HK')).toBe('zh-Hant');
    expect(langFromAcceptLanguage('zh-Hant-TW')).toBe('zh-Hant');
    expect(langFromAcceptLanguage('zh-CN')).toBe('zh-Hans');
    expect(langFromAcceptLanguage('zh')).toBe('zh-Hans');
    expect(langFromAcceptLanguage('en;q=0.2, zh-TW;q=0.8')).toBe('zh-Hant');
    expect(langFromAcceptLanguage('en;q=0, de')).toBeUndefined();
  });
});
