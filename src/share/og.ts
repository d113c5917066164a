import { isLang, type Lang } from '../platform/i18n/lang.ts';

// The share image (og:image) of a pledge: a 1200x630 PNG per language, drawn at build
// time by scripts/og-images.ts into web/og/ and served as a static asset. A pledge made
// later in the console has no file of its own until the next build; the Worker then
// answers its address with the generic image of that language (share.pages.tsx).
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;
// The generic image's stem: no slug can start with "_".
export const OG_GENERIC = '_site';

export function ogImagePath(slug: string, lang: Lang): string {
  return `/og/${slug}.${lang}.png`;
}

// "cast-2020.zh-Hant.png" -> { slug, lang }; anything else -> null.
export function parseOgFile(file: string): { slug: string; lang: Lang } | null {
  const m = /^([a-z0-9][a-z0-9-]{0,62})\.([A-Za-z-]+)\.png$/.exec(file);
  return m && isLang(m[2]) ? { slug: m[1]!, lang: m[2] } : null;
}
