import type { Lang } from '../i18n/lang.ts';

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN').format(n);
}

// A live total: web/live.js finds it by data-count and updates the number in place.
export function Count(props: { name: 'individuals' | 'societies'; value: number; lang: Lang; label: string }) {
  return (
    <p>
      <strong data-count={props.name} data-value={props.value}>
        {formatNumber(props.value, props.lang)}
      </strong>{' '}
      {props.label}
    </p>
  );
}
