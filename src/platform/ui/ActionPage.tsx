import type { Child } from 'hono/jsx';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';

// What a flow page is about (the pledge, the signer, the society), as a short list.
export function FlowContext(props: { items: readonly (readonly [string, Child])[] }) {
  const items = props.items.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (items.length === 0) return null;
  return (
    <dl class="context">
      {items.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

// A page that explains one action and offers it as a POST button (GET never acts:
// mail scanners open links).
export function ActionPage(props: { lang: Lang; path: string; title: string; context?: Child; body: string; action: string; button: string; children?: Child }) {
  const t = messages(props.lang);
  return (
    <Layout lang={props.lang} path={props.path} title={`${props.title} · ${t.siteName}`}>
      <h1>{props.title}</h1>
      {props.context}
      <p>{props.body}</p>
      {props.children}
      <form method="post" action={props.action}>
        <button type="submit">{props.button}</button>
      </form>
    </Layout>
  );
}

// The page after an action: what happened, and optionally a private link.
export function ResultPage(props: {
  lang: Lang;

  path: string;
  title: string;
  context?: Child;
  paragraphs: string[];
  link?: { href: string; label: string; hint: string };
  children?: Child;
}) {
  const t = messages(props.lang);
  return (
    <Layout lang={props.lang} path={props.path} title={`${props.title} · ${t.siteName}`}>
      <h1>{props.title}</h1>
      {props.context}
      {props.paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      {props.link ? (
        <div class="card">
          <p>{props.link.hint}</p>
          <p>
            <a href={props.link.href} rel="nofollow">
              {props.link.label}
            </a>
          </p>
        </div>
      ) : null}
      {props.children}
      <p>
        <a href="/">{t.backHome}</a>
      </p>
    </Layout>
  );
}
