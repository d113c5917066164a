import type { Lang } from '../platform/i18n/lang.ts';
import { ErrorSummary, type FormState, SelectField, TextField } from '../platform/ui/FormParts.tsx';
import { verificationWords } from '../signatures/verification.messages.ts';
import { isLevel, LEVELS } from '../signatures/verification.ts';
import { ActionButton, ConfirmAction, formatTime, TableHead } from './AdminLayout.tsx';
import { adminWords, fill } from './admin.messages.ts';
import type { BulkPreview, BulkSampleRow, SignatureRow, TrendingRow } from './moderation.queries.ts';
import { SEARCH_STATES } from './moderation.ts';

type PledgeOption = readonly [string, string];

export function SignatureSearch(props: { lang: Lang; form: FormState; pledges: PledgeOption[]; rows: SignatureRow[]; back: string }) {
  const w = adminWords(props.lang);
  const vw = verificationWords(props.lang);
  return (
    <>
      <form method="get" action="/admin/signatures">
        <TextField name="q" label={w.searchLabel} form={props.form} />
        <SelectField name="state" label={w.state} form={props.form} choose={w.any} options={SEARCH_STATES.map((s) => [s, w.states[s] ?? s] as const)} />
        <SelectField name="pledge" label={w.pledge} form={props.form} choose={w.any} options={props.pledges} />
        <SelectField name="verification" label={vw.levelCol} form={props.form} choose={w.any} options={LEVELS.map((l) => [l, vw.levels[l]] as const)} />
        <button type="submit">{w.search}</button>
      </form>
      {props.rows.length === 0 ? <p>{w.none}</p> : null}
      {props.rows.length > 0 ? (
        <table>
          <TableHead cells={['#', w.pledge, w.state, w.name, w.details, w.when, '']} />
          <tbody>
            {props.rows.map((s) => (
              <tr>
                <td>{s.id}</td>
                <td>{s.pledgeSlug}</td>
                <td>
                  {w.states[s.state] ?? s.state}
                  {s.hidden ? ` · ${w.states.hidden}` : ''}
                  {s.public ? ` · ${w.states.public}` : ''}
                  <br />
                  <span data-level={s.verification}>{isLevel(s.verification) ? vw.levels[s.verification] : s.verification}</span>
                  {s.orcid ? (
                    <>
                      {' '}
                      <span class="mono">{s.orcid}</span>
                      {s.verification === 'orcid' ? null : ` (${vw.claimed})`}
                    </>
                  ) : null}
                </td>
                <td>
                  {s.name}
                  <br />
                  {s.affiliation}
                </td>
                <td>
                  {s.email}
                  <br />
                  <span class="mono">{s.ipHash ?? ''}</span>
                </td>
                <td>{formatTime(s.createdAt)}</td>
                <td>
                  <ActionButton
                    action={`/admin/signatures/${s.id}/${s.hidden ? 'unhide' : 'hide'}`}
                    label={s.hidden ? w.actions.unhide : w.actions.hide}
                    fields={{ back: props.back }}
                  />
                  {['pending', 'confirmed', 'held'].includes(s.state) ? (
                    <ConfirmAction
                      action={`/admin/signatures/${s.id}/invalidate`}
                      label={w.actions.invalidate}
                      warning={w.invalidateWarning}
                      confirm={fill(w.confirmInvalidate, { id: s.id })}
                      fields={{ back: props.back }}
                    />
                  ) : null}
                  {s.state === 'held' ? <ActionButton action={`/admin/signatures/${s.id}/release`} label={w.actions.release} fields={{ back: props.back }} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export const BULK_FIELDS = ['pledge', 'ipHash', 'emailDomain', 'from', 'to'] as const;

// The newest rows a bulk run would change, so the organiser sees who they are first.
function BulkSample(props: { lang: Lang; rows: BulkSampleRow[] }) {
  const w = adminWords(props.lang);
  return (
    <>
      <h2>{fill(w.sampleHeading, { n: props.rows.length })}</h2>
      <table class="sample">
        <TableHead cells={['#', w.state, w.name, w.emailDomain, w.when]} />
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.id}</td>
              <td>{w.states[r.state] ?? r.state}</td>
              <td>
                {r.name ?? ''}
                <br />
                {r.affiliation ?? ''}
              </td>
              <td>{r.emailDomain ?? ''}</td>
              <td>{formatTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function BulkForm(props: { lang: Lang; form: FormState; pledges: PledgeOption[]; preview?: BulkPreview; sample?: BulkSampleRow[] }) {
  const w = adminWords(props.lang);
  const { form, preview } = props;
  return (
    <>
      <ErrorSummary title={w.errorSummary} errors={form.errors} order={[...BULK_FIELDS, 'submit']} />
      <p>{w.bulkIntro}</p>
      <form method="post" action="/admin/signatures/bulk/preview">
        <SelectField name="pledge" label={w.pledge} form={form} choose={w.any} options={props.pledges} />
        <TextField name="ipHash" label={w.ipHash} form={form} spellcheck={false} />
        <TextField name="emailDomain" label={w.emailDomain} form={form} spellcheck={false} />
        <TextField name="from" label={w.from} form={form} type="datetime-local" />
        <TextField name="to" label={w.to} form={form} type="datetime-local" />
        <button type="submit" id="f-submit">
          {w.preview}
        </button>
      </form>
      {preview ? (
        <section class="card" aria-live="polite">
          <p>{fill(w.previewResult, preview)}</p>
          {props.sample && props.sample.length > 0 ? <BulkSample lang={props.lang} rows={props.sample} /> : null}
          {preview.matching > 0 ? (
            <>
              <p class="warning">{w.bulkWarning}</p>
              <ActionButton
                action="/admin/signatures/bulk"
                label={fill(w.runBulk, preview)}
                danger
                fields={{ ...Object.fromEntries(BULK_FIELDS.map((f) => [f, form.values[f] ?? ''])), expected: String(preview.matching) }}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function TrendingTables(props: { lang: Lang; min: number; ipHashes: TrendingRow[]; emailDomains: (TrendingRow & { common: boolean })[] }) {
  const w = adminWords(props.lang);
  const table = (title: string, rows: (TrendingRow & { common?: boolean })[], filter: 'ipHash' | 'emailDomain') => (
    <>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <table>
          <TableHead cells={[title, w.signatures, w.confirmed, w.held, '']} />
          <tbody>
            {rows.map((r) => (
              <tr>
                <td class="mono">
                  {r.key}
                  {r.common ? ` (${w.common})` : ''}
                </td>
                <td>{r.signatures}</td>
                <td>{r.confirmed}</td>
                <td>{r.held}</td>
                <td>
                  <a href={`/admin/signatures/bulk?${filter}=${encodeURIComponent(r.key)}`}>{w.nav.bulk}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
  return (
    <>
      <p>{fill(w.trendingIntro, { min: props.min })}</p>
      {table(w.ipHash, props.ipHashes, 'ipHash')}
      {table(w.emailDomain, props.emailDomains, 'emailDomain')}
    </>
  );
}
