import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { InlineStyle } from '../platform/ui/InlineStyle.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { TABLE_CSS } from '../platform/ui/styles.ts';
import { docsWords } from './docs.messages.ts';

// biome-ignore lint/suspicious/noExplicitAny: walks an arbitrary OpenAPI document, any shape.
type Json = Record<string, any>;

// A readable rendering of the OpenAPI document: one entry per operation with its
// parameters, body fields and responses. The document itself is the reference.
function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return String(schema.$ref).split('/').pop()!;
  if (schema.enum) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return String(schema.type ?? 'any');
}

function Operation(props: { lang: Lang; method: string; path: string; op: Json; components: Json }) {
  const { op } = props;
  const w = docsWords(props.lang);
  const summary = w.summaries[String(op.operationId)];
  const body = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
  const resolved = body?.$ref ? props.components[String(body.$ref).split('/').pop()!] : body;
  return (
    <section class="card" id={op.operationId}>
      <h3>
        <code>
          {props.method.toUpperCase()} {props.path}
        </code>
      </h3>
      {summary ? (
        <p>
          {summary} <span lang="en">({op.summary})</span>
        </p>
      ) : (
        <p>{op.summary}</p>
      )}
      {op.description ? <p class="muted">{op.description}</p> : null}
      {op.parameters?.length || resolved?.properties ? (
        // A wide table scrolls in its own box (focusable, so keyboards can scroll it too).
        <section class="scroll" tabindex={0} aria-label={`${props.method.toUpperCase()} ${props.path}`}>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{w.columns.name}</th>
                <th scope="col">{w.columns.in}</th>
                <th scope="col">{w.columns.type}</th>
                <th scope="col">{w.columns.required}</th>
                <th scope="col">{w.columns.description}</th>
              </tr>
            </thead>
            <tbody>
              {(op.parameters ?? []).map((p: Json) => (
                <tr>
                  <td>
                    <code>{p.name}</code>
                  </td>
                  <td>{p.in}</td>
                  <td>{typeOf(p.schema)}</td>
                  <td>{p.required ? w.required : w.optional}</td>
                  <td>{p.description ?? ''}</td>
                </tr>
              ))}
              {Object.entries((resolved?.properties ?? {}) as Record<string, Json>).map(([name, s]) => (
                <tr>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td>{w.body}</td>
                  <td>{typeOf(s)}</td>
                  <td>{(resolved?.required ?? []).includes(name) ? w.required : w.optional}</td>
                  <td>{s.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p class="muted">{w.responses}</p>
      <ul>
        {Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
          const schema = r.content ? (Object.values(r.content)[0] as Json).schema : undefined;
          return (
            <li>
              <code>{status}</code> {r.description}
              {schema ? <> ({typeOf(schema)})</> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ApiDocsPage(props: { lang: Lang; doc: Json; origin: string }) {
  const t = messages(props.lang);
  const w = docsWords(props.lang);
  const { doc } = props;
  const components = doc.components?.schemas ?? {};
  const ops = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.flatMap((o) => o.op.tags as string[]))];
  const slug = 'cast-2020';
  return (
    <Layout
      lang={props.lang}
      path="/docs/api"
      title={`${t.apiDocs} · ${t.siteName}`}
      head={<InlineStyle css={`${TABLE_CSS}pre{overflow-x:auto;white-space:pre-wrap;word-break:break-all}`} />}
    >
      <h1>{t.apiDocs}</h1>
      <p>{props.lang === 'en' ? doc.info.description : w.intro}</p>
      <p>
        {w.reference} <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      {w.englishNote ? <p class="muted">{w.englishNote}</p> : null}
      <h2>{w.openData}</h2>
      <ul>
        <li>
          <a href={`/api/pledges/${slug}/signatories.csv`}>{`/api/pledges/${slug}/signatories.csv`}</a>,{' '}
          <a href={`/api/pledges/${slug}/signatories.json`}>{`/api/pledges/${slug}/signatories.json`}</a>
        </li>
        <li>
          <a href={`/api/pledges/${slug}/stats`}>{`/api/pledges/${slug}/stats`}</a>
        </li>
      </ul>
      <h2>{w.embedding}</h2>
      <p>{w.badge}</p>
      <pre>
        <code>{`<img src="${props.origin}/p/${slug}/badge.svg?lang=en" alt="">`}</code>
      </pre>
      <p>{w.widget}</p>
      <pre>
        <code>{`<iframe src="${props.origin}/embed/${slug}?lang=en" width="320" height="200" title="" loading="lazy"></iframe>`}</code>
      </pre>
      {tags.map((tag) => (
        <>
          <h2>{w.tags[tag] ?? tag}</h2>
          {ops
            .filter((o) => (o.op.tags as string[]).includes(tag))
            .map((o) => (
              <Operation lang={props.lang} method={o.method} path={o.path} op={o.op} components={components} />
            ))}
        </>
      ))}
    </Layout>
  );
}
