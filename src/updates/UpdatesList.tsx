import type { Lang } from '../platform/i18n/lang.ts';
import { HTML_LANG } from '../platform/i18n/lang.ts';
import { formatDate, updatesWords } from './updates.messages.ts';
import { type PledgeUpdate, paragraphs, pickLang } from './updates.ts';

// The pledge page's updates, newest first, dated: plain text paragraphs and links,
// escaped by hono/jsx. A text shown in another language than the page says so (lang).
export function UpdatesList(props: { lang: Lang; fallback: Lang; updates: PledgeUpdate[] }) {
  if (props.updates.length === 0) return null;
  const w = updatesWords(props.lang);
  return (
    <section class="updates" aria-labelledby="updates-heading">
      <h2 id="updates-heading">{w.heading}</h2>
      {props.updates.map((u) => {
        const title = pickLang(u.title, props.lang, props.fallback);
        const body = pickLang(u.body, props.lang, props.fallback);
        return (
          <article class="update" id={`update-${u.id}`}>
            <h3 lang={title.lang === props.lang ? undefined : HTML_LANG[title.lang]}>{title.text}</h3>
            <p class="muted">
              {u.kind === 'milestone' ? `${w.milestone} · ` : ''}
              {w.published} <time datetime={new Date(u.publishedAt).toISOString()}>{formatDate(u.publishedAt, props.lang)}</time>
            </p>
            <div lang={body.lang === props.lang ? undefined : HTML_LANG[body.lang]}>
              {paragraphs(body.text).map((runs) => (
                <p>
                  {runs.map((r) =>
                    'href' in r ? (
                      <a href={r.href} rel="nofollow ugc">
                        {r.href}
                      </a>
                    ) : (
                      r.text
                    ),
                  )}
                </p>
              ))}
            </div>
          </article>
        );
      })}
    </section>
  );
}
