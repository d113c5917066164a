import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';

const OG_LOCALE: Record<Lang, string> = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', en: 'en_US' };

// Open Graph and Twitter card tags, so a shared link shows the pledge's title.
export function ShareMeta(props: { lang: Lang; url: string; title: string; description: string }) {
  return (
    <>
      <link rel="canonical" href={props.url} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={messages(props.lang).siteName} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.url} />
      <meta property="og:locale" content={OG_LOCALE[props.lang]} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.description} />
    </>
  );
}
