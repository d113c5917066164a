import type { Child } from 'hono/jsx';
import type { Counts } from '../counts/counts.queries.ts';
import { endorseWords } from '../endorsements/endorse.messages.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { parseBody } from '../pledges/body.ts';
import type { Pledge, PledgeText } from '../pledges/pledge.ts';
import { type EndorsingSociety, societyName } from '../pledges/pledges.queries.ts';
import { Layout } from './Layout.tsx';

export type PledgePageProps = {
  lang: Lang;
  nonce: string;
  pledge: Pledge;
  text: PledgeText;
  counts: Counts;
  societies: EndorsingSociety[];
  // The sign form or a notice that signing is closed.
  form?: Child;
};

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN').format(n);
}

export function PledgePage(props: PledgePageProps) {
  const { lang, text, counts, pledge } = props;
  const t = messages(lang);
  const blocks = parseBody(text.body);
  // The first block of the seed text is the tagline ("——向全国科技工作者的倡议").
  return (
    <Layout lang={lang} nonce={props.nonce} path={`/p/${pledge.slug}`} title={text.title} description={text.subtitle}>
      <article data-pledge={pledge.slug} data-version={text.version}>
        <h1>{text.title}</h1>
        {text.subtitle ? <p class="sub">{text.subtitle}</p> : null}
        <section class="totals" aria-label={t.totals}>
          <p>
            <strong data-count="individuals">{formatNumber(counts.individuals, lang)}</strong> {t.individuals}
          </p>
          <p>
            <strong data-count="societies">{formatNumber(counts.societies, lang)}</strong> {t.societies}
          </p>
          <div class="sr-live" aria-live="polite" aria-atomic="true" data-live-region></div>
        </section>
        {props.form}
        <div class="text">
          {blocks.map((b) => (b.kind === 'heading' ? <h2>{b.text}</h2> : <p>{b.text}</p>))}
        </div>
        <section aria-labelledby="societies-heading">
          <h2 id="societies-heading">{text.societiesHeading || t.societiesHeading}</h2>
          <p>
            <a href={`/p/${pledge.slug}/endorse`}>{endorseWords(lang).link}</a>
          </p>
          <ol class="societies">
            {props.societies.map((s) => (
              <li>{societyName(s, lang)}</li>
            ))}
          </ol>
        </section>
      </article>
    </Layout>
  );
}
