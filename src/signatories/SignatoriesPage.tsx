import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { InlineStyle } from '../platform/ui/InlineStyle.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { TABLE_CSS } from '../platform/ui/styles.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import type { Field } from '../signatures/signatures.ts';
import { verificationWords } from '../signatures/verification.messages.ts';
import { isLevel, LEVELS, type Level } from '../signatures/verification.ts';
import type { Signatory } from './signatories.ts';

export type SignatoriesPageProps = {
  lang: Lang;

  slug: string;
  title: string;
  q: string;
  // The level filter, '' for all.
  level: Level | '';
  items: Signatory[];
  nextCursor: string | null;
};

export function formatDate(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

// The signer wall: consenting signers only, newest first, with a search form and a
// link to the next page. Works without JavaScript.
export function SignatoriesPage(props: SignatoriesPageProps) {
  const { lang, slug } = props;
  const t = messages(lang);
  const fields = signWords(lang).fields;
  const base = `/p/${slug}/signatories`;
  const vw = verificationWords(lang);
  const next = props.nextCursor
    ? `${base}?${new URLSearchParams({ ...(props.q ? { q: props.q } : {}), ...(props.level ? { level: props.level } : {}), cursor: props.nextCursor })}`
    : null;
  return (
    <Layout lang={lang} path={base} title={`${t.signatoriesTitle} · ${props.title}`} head={<InlineStyle css={TABLE_CSS} />}>
      <p>
        <a href={`/p/${slug}`}>{props.title}</a>
      </p>
      <h1>{t.signatoriesTitle}</h1>
      <p>{t.signatoriesIntro}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a <form role="search"> landmark is understood by older screen readers, <search> is not yet. */}
      <form method="get" action={base} role="search">
        <label for="q">{t.searchLabel}</label>
        <input id="q" name="q" type="search" value={props.q} maxlength={100} />
        <label for="level">{vw.filterLabel}</label>
        <select id="level" name="level">
          <option value="">{vw.allLevels}</option>
          {LEVELS.map((l) => (
            <option value={l} selected={props.level === l}>
              {vw.levels[l]}
            </option>
          ))}
        </select>
        <button type="submit">{t.search}</button>
      </form>
      <ul class="muted levels">
        {LEVELS.map((l) => (
          <li>
            <strong>{vw.levels[l]}</strong>: {vw.explain[l]}
          </li>
        ))}
      </ul>
      {props.items.length === 0 ? (
        <p>{t.noSignatories}</p>
      ) : (
        <table class="data signers">
          <thead>
            <tr>
              <th scope="col">{t.nameCol}</th>
              <th scope="col">{t.affiliationCol}</th>
              <th scope="col">{t.fieldCol}</th>
              <th scope="col">{t.signedAtCol}</th>
              <th scope="col">{vw.levelCol}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((s) => (
              <tr>
                <td>{s.name}</td>
                <td>{s.affiliation}</td>
                <td>{fields[s.field as Field] ?? s.field}</td>
                <td>{formatDate(s.confirmedAt, lang)}</td>
                <td data-level={s.verification}>
                  {isLevel(s.verification) ? vw.levels[s.verification] : s.verification}
                  {s.orcid ? (
                    <>
                      {' '}
                      <a href={`https://orcid.org/${s.orcid}`} rel="noopener">
                        {s.orcid}
                      </a>
                    </>
                  ) : null}
                  {s.orcidClaimed ? <span class="muted"> · {vw.claimed}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <a href={next} rel="next">
            {t.more}
          </a>
        </p>
      ) : null}
      <p>
        {t.download}: <a href={`/api/pledges/${slug}/signatories.csv`}>CSV</a> · <a href={`/api/pledges/${slug}/signatories.json`}>JSON</a>
      </p>
    </Layout>
  );
}
