import type { Lang } from '../platform/i18n/lang.ts';

// Words of the statistics that the shared messages do not hold.
const words = {
  'zh-Hans': { suppressedGroups: '其他组别（每组少于 {n}）' },
  'zh-Hant': { suppressedGroups: '其他組別（每組少於 {n}）' },
  en: { suppressedGroups: 'Other groups (each fewer than {n})' },
} as const satisfies Record<Lang, Record<string, string>>;

export function statsWords(lang: Lang) {
  return words[lang];
}
