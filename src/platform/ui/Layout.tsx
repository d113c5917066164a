import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { HTML_LANG, LANGS, type Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { InlineStyle } from './InlineStyle.tsx';
import { CSS } from './styles.ts';

const ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%23b4232a'/%3E%3C/svg%3E";

export type LayoutProps = {
  lang: Lang;

  title: string;
  // The page shows a form again with errors: the title says so first (GOV.UK pattern).
  error?: boolean;
  description?: string;
  // Path (without query) the language links point at.
  path: string;
  head?: Child;
  scripts?: string[];
  children: Child;
};

export function Layout(props: LayoutProps) {
  const t = messages(props.lang);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={HTML_LANG[props.lang]}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.error ? `${t.errorPrefix}${props.title}` : props.title}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          <meta name="color-scheme" content="light dark" />
          {/* Inline icon: otherwise browsers fetch /favicon.ico and get a 2 KB 404 page. */}
          <link rel="icon" href={ICON} />
          <InlineStyle css={CSS} />
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            {t.skipToContent}
          </a>
          <header class="site">
            <div class="wrap">
              <a class="brand" href="/">
                {t.siteName}
              </a>
              <nav class="langs" aria-label={t.language}>
                <ul>
                  {LANGS.map((l) => (
                    <li>
                      <a href={`${props.path}?lang=${l}`} lang={HTML_LANG[l]} hreflang={HTML_LANG[l]} aria-current={l === props.lang ? 'true' : undefined}>
                        {messages(l).langName}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" class="wrap">
            {props.children}
          </main>
          <footer>
            <div class="wrap">
              <a href="/docs/api">{t.footerApi}</a>
            </div>
          </footer>
          {(props.scripts ?? []).map((src) => (
            <script src={src} defer></script>
          ))}
        </body>
      </html>
    </>
  );
}
