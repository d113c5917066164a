import type { Child } from 'hono/jsx';
import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { Count } from '../platform/ui/Count.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import type { Counts } from '../pledges/counters.queries.ts';
import { ShareLinks } from '../share/ShareLinks.tsx';
import { shareWords } from '../share/share.messages.ts';

export type ThanksPageProps = {
  lang: Lang;
  path: string;
  title: string;
  body: string;
  pledge: { slug: string; title: string; url: string };
  counts: Counts;
  // The private withdrawal link: offered at the end, not first.
  withdraw?: { href: string; label: string; hint: string };
  // The receipt card (src/log/ReceiptCard.tsx).
  children?: Child;
};

// The page after a signer confirms: the live total with their signature in it, then ways
// to pass the pledge on, then the receipt, and last the way to withdraw.
export function ThanksPage(props: ThanksPageProps) {
  const t = messages(props.lang);
  const w = shareWords(props.lang);
  const { pledge } = props;
  return (
    <Layout lang={props.lang} path={props.path} title={`${props.title} · ${t.siteName}`} scripts={['/live.js', '/share.js']}>
      <div data-pledge={pledge.slug}>
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        <section class="totals" aria-label={t.totals}>
          <Count name="individuals" value={props.counts.individuals} lang={props.lang} label={t.individuals} />
          <Count name="societies" value={props.counts.societies} lang={props.lang} label={t.societies} />
          <div class="sr-live" aria-live="polite" aria-atomic="true" data-live-region></div>
        </section>
        <ShareLinks lang={props.lang} slug={pledge.slug} url={pledge.url} title={pledge.title} heading={w.thanksHeading} intro={w.thanksIntro} />
        {props.children}
        {props.withdraw ? (
          <div class="card">
            <p>{props.withdraw.hint}</p>
            <p>
              <a href={props.withdraw.href} rel="nofollow">
                {props.withdraw.label}
              </a>
            </p>
          </div>
        ) : null}
        <p>
          <a href={`/p/${pledge.slug}?lang=${props.lang}`}>{w.backToPledge}</a>
        </p>
      </div>
    </Layout>
  );
}
