import { raw } from 'hono/html';
import type { Lang } from '../platform/i18n/lang.ts';
import { HTML_LANG } from '../platform/i18n/lang.ts';
import { fill, messages } from '../platform/i18n/messages.ts';
import { Count, formatNumber } from '../platform/ui/Count.tsx';
import { InlineStyle } from '../platform/ui/InlineStyle.tsx';

export type EmbedPageProps = { lang: Lang; slug: string; title: string; individuals: number; individualsLabel: string; societies: number; url: string };

const EMBED_CSS =
  'body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1b1f23;background:#fff}' +
  '.w{padding:.75rem 1rem;border:1px solid #d0d7de;border-radius:.5rem}h1{font-size:1rem;margin:0 0 .25rem}p{margin:.25rem 0}' +
  'strong{font-size:1.6rem;color:#b4232a;font-variant-numeric:tabular-nums}a.b{display:inline-block;margin-top:.4rem;padding:.35rem .8rem;background:#b4232a;color:#fff;border-radius:.25rem;font-weight:700;text-decoration:none}' +
  '.sr-live{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}';

// The iframe widget at /embed/:slug: the title, the live totals and a link to sign.
// The only page other sites may frame (see src/platform/http/security.ts).
export function EmbedPage(props: EmbedPageProps) {
  const t = messages(props.lang);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={HTML_LANG[props.lang]}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <title>{props.title}</title>
          <InlineStyle css={EMBED_CSS} />
        </head>
        <body>
          <main class="w" data-pledge={props.slug}>
            <h1>{props.title}</h1>
            <Count name="individuals" value={props.individuals} lang={props.lang} label={props.individualsLabel} />
            <Count name="societies" value={props.societies} lang={props.lang} label={t.societies} />
            <div class="sr-live" aria-live="polite" aria-atomic="true" data-live-region></div>
            <a class="b" href={props.url} target="_blank" rel="noopener">
              {t.signNow}
            </a>
          </main>
          <script src="/live.js" defer></script>
        </body>
      </html>
    </>
  );
}

export function badgeValue(lang: Lang, n: number): string {
  return fill(messages(lang).badgeSignatures, { n: formatNumber(n, lang) });
}
