import type { Child } from 'hono/jsx';
import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { Layout } from '../platform/ui/Layout.tsx';
import { endorseWords } from './endorsements.messages.ts';

// The society co-signature page: which pledge, then the form (or why it is closed).
export function EndorsePage(props: { lang: Lang; slug: string; pledgeTitle: string; error?: boolean; children: Child }) {
  const w = endorseWords(props.lang);
  return (
    <Layout lang={props.lang} path={`/p/${props.slug}/endorse`} title={`${w.heading} · ${messages(props.lang).siteName}`} error={props.error}>
      <h1 id="endorse-heading">{w.heading}</h1>
      <p class="sub">
        <a href={`/p/${props.slug}`}>{props.pledgeTitle}</a>
      </p>
      {props.children}
    </Layout>
  );
}
