import type { Child } from 'hono/jsx';
import { endorseWords } from '../endorsements/endorsements.messages.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { fill, messages } from '../platform/i18n/messages.ts';
import { Count, formatNumber } from '../platform/ui/Count.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { parseBody } from '../pledges/body.ts';
import type { Counts } from '../pledges/counters.queries.ts';
import { type EndorsingSociety, societyName } from '../pledges/pledges.queries.ts';
import { goalProgress, individualsLabel, type Pledge, type PledgeText, timeLeft } from '../pledges/pledges.ts';
import { langUrl } from '../share/links.ts';
import { ShareLinks } from '../share/ShareLinks.tsx';
import { ShareMeta } from './ShareMeta.tsx';

export type PledgePageProps = {
  lang: Lang;

  pledge: Pledge;
  text: PledgeText;
  counts: Counts;
  societies: EndorsingSociety[];
  // The sign form or a notice that signing is closed.
  form?: Child;
  // The organisers' updates and milestones (src/updates/UpdatesList.tsx), if any.
  updates?: Child;
  // After a failed submit: the form's error summary, first in the main content.
  errorSummary?: Child;
  // Absolute address of the page, for sharing.
  url: string;
  now: number;
};

export function PledgePage(props: PledgePageProps) {
  const { lang, text, counts, pledge } = props;
  const t = messages(lang);
  const blocks = parseBody(text.body);
  const progress = goalProgress(pledge.goal, counts.individuals);
  const left = timeLeft(pledge.closesAt, props.now);
  // The percentage sits in its own element, which the live script updates.
  const goalText = t.goalProgress.split('{pct}');
  // The order a reader needs: title, tagline, a link down to the form, the appeal, the
  // totals, then the form (issue 18). The first block of the seed text is the tagline.
  return (
    <Layout
      lang={lang}
      path={`/p/${pledge.slug}`}
      title={text.title}
      error={Boolean(props.errorSummary)}
      description={text.subtitle}
      head={<ShareMeta lang={lang} url={props.url} slug={pledge.slug} title={text.title} description={text.subtitle} />}
      scripts={['/live.js', '/share.js']}
    >
      {props.errorSummary}
      <article data-pledge={pledge.slug} data-version={text.version}>
        <h1>{text.title}</h1>
        {text.subtitle ? <p class="sub">{text.subtitle}</p> : null}
        {props.form ? (
          <p class="jump">
            <a href="#sign">{t.signNow}</a>
          </p>
        ) : null}
        <div class="text">{blocks.map((b) => (b.kind === 'heading' ? <h2>{b.text}</h2> : <p>{b.text}</p>))}</div>
        <section class="totals" aria-label={t.totals}>
          <Count name="individuals" value={counts.individuals} lang={lang} label={individualsLabel(pledge, lang)} />
          <Count name="societies" value={counts.societies} lang={lang} label={t.societies} />
          {progress ? (
            <p class="goal">
              <progress data-progress aria-labelledby="goal-text" max={progress.goal} value={Math.min(counts.individuals, progress.goal)}></progress>
              <span id="goal-text">
                {fill(goalText[0] ?? '', { goal: formatNumber(progress.goal, lang) })}
                <span data-pct>{progress.percent}</span>
                {fill(goalText[1] ?? '', { goal: formatNumber(progress.goal, lang) })}
              </span>
            </p>
          ) : null}
          {left ? <p class="goal muted">{fill(left.unit === 'days' ? t.daysLeft : t.hoursLeft, { n: left.n })}</p> : null}
          <div class="sr-live" aria-live="polite" aria-atomic="true" data-live-region></div>
        </section>
        <p class="more">
          <a href={`/p/${pledge.slug}/signatories`}>{t.signatoriesLink}</a>
          <a href={`/p/${pledge.slug}/stats`}>{t.statsLink}</a>
        </p>
        {props.form}
        {props.updates}
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
        <ShareLinks lang={lang} slug={pledge.slug} url={langUrl(props.url, lang)} title={text.title} />
      </article>
    </Layout>
  );
}
