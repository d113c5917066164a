import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';

// A simple page with a heading and a paragraph: 404s, errors, notices.
export function MessagePage(props: { lang: Lang; path: string; title: string; body: string }) {
  const t = messages(props.lang);
  return (
    <Layout lang={props.lang} path={props.path} title={`${props.title} · ${t.siteName}`}>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      <p>
        <a href="/">{t.backHome}</a>
      </p>
    </Layout>
  );
}
