import { LANGS, type Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { langUrl } from '../share/links.ts';
import { OG_HEIGHT, OG_WIDTH, ogImagePath } from '../share/og.ts';

// English is written the British way (Open Graph names a locale, not only a language).
const OG_LOCALE: Record<Lang, string> = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', en: 'en_GB' };

// Open Graph and Twitter card tags, so a shared link shows the pledge's title and image in
// the page's language; canonical and hreflang alternates name each language's address,
// x-default the one that negotiates. `url` is the page's absolute address without ?lang=.
export function ShareMeta(props: { lang: Lang; url: string; slug: string; title: string; description: string }) {
  const own = langUrl(props.url, props.lang);
  const image = new URL(ogImagePath(props.slug, props.lang), props.url).href;
  return (
    <>
      <link rel="canonical" href={own} />
      {LANGS.map((l) => (
        <link rel="alternate" hreflang={l} href={langUrl(props.url, l)} />
      ))}
      <link rel="alternate" hreflang="x-default" href={props.url} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={messages(props.lang).siteName} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={own} />
      <meta property="og:locale" content={OG_LOCALE[props.lang]} />
      {LANGS.filter((l) => l !== props.lang).map((l) => (
        <meta property="og:locale:alternate" content={OG_LOCALE[l]} />
      ))}
      <meta property="og:image" content={image} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content={String(OG_WIDTH)} />
      <meta property="og:image:height" content={String(OG_HEIGHT)} />
      <meta property="og:image:alt" content={props.title} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.description} />
      <meta name="twitter:image" content={image} />
      <meta name="twitter:image:alt" content={props.title} />
    </>
  );
}
