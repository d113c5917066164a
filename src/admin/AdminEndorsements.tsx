import { QUEUE_STATES, type QueueState } from '../endorsements/endorsements.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { ErrorSummary, type FormState, TextField } from '../platform/ui/FormParts.tsx';
import { signWords } from '../signatures/signatures.messages.ts';
import { ActionButton, formatTime } from './AdminLayout.tsx';
import { adminWords, fill } from './admin.messages.ts';
import type { QueuePage } from './endorsement-queue.handlers.ts';
import { queueWords } from './endorsement-queue.messages.ts';
import type { endorsementItem } from './endorsement-queue.ts';

type Item = ReturnType<typeof endorsementItem>;
export type BulkRejectState = { form: FormState; preview?: { matching: number; sample: Item[] } };

export const BULK_REJECT_FIELDS = ['q', 'ipHash', 'emailDomain'] as const;

const queueUrl = (state: string, params: Record<string, string | null | undefined>) => {
  const p = new URLSearchParams({ state });
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  return `/admin/endorsements?${p}`;
};

function Card(props: { lang: Lang; e: Item; back: string; actions: boolean }) {
  const { e } = props;
  const w = adminWords(props.lang);
  const v = queueWords(props.lang);
  const fields = signWords(props.lang).fields as Record<string, string>;
  const names = [e.nameHans, e.nameHant, e.nameEn].filter(Boolean).join(' / ') || e.submittedName;
  return (
    <section class="card" aria-labelledby={`e-${e.id}`}>
      <h2 id={`e-${e.id}`}>
        #{e.id} {names}
      </h2>
      <p>
        {e.pledgeSlug} · {fields[e.category] ?? e.category} ·{' '}
        {e.website ? (
          <a href={e.website} rel="noopener noreferrer nofollow" target="_blank">
            {e.website}
          </a>
        ) : null}
      </p>
      <p>
        {e.contactName} ({e.contactRole}) · {e.contactEmail} · {e.signals.emailMatchesWebsite ? w.emailMatches : w.emailDiffers}
      </p>
      <p class="muted">
        {e.signals.sameContact !== null ? fill(v.sameContact, { n: e.signals.sameContact }) : null}
        {e.signals.sameIp !== null ? (
          <>
            {' · '}
            {fill(v.sameIp, { n: e.signals.sameIp })} (<code>{e.ipHash}</code>)
          </>
        ) : null}
      </p>
      {e.submittedName || e.submittedWebsite ? (
        <p class="muted">
          → {e.submittedName} {e.submittedNameEn ? `/ ${e.submittedNameEn}` : ''} · {e.submittedWebsite}
        </p>
      ) : null}
      {e.statement ? <blockquote>{e.statement}</blockquote> : null}
      <p class="muted">
        {formatTime(e.createdAt)} {e.confirmedAt ? `· ${formatTime(e.confirmedAt)}` : ''} {e.rejectReason ? `· ${e.rejectReason}` : ''}
      </p>
      {props.actions && e.state === 'confirmed' ? <ActionButton action={`/admin/endorsements/${e.id}/verify`} label={w.verify} fields={{ back: props.back }} /> : null}
      {props.actions && e.state !== 'rejected' ? (
        <ActionButton action={`/admin/endorsements/${e.id}/reject`} label={w.reject} fields={{ back: props.back }}>
          <label for={`reason-${e.id}`}>{w.reason}</label>
          <input id={`reason-${e.id}`} name="reason" type="text" required maxlength={1000} />
        </ActionButton>
      ) : null}
    </section>
  );
}

// The endorsement queue: one state at a time, searchable, paged by cursor with the true
// total; verify, reject with a reason, or reject many by filter after a preview.
export function EndorsementQueue(props: { lang: Lang; page: QueuePage; values: { q: string; sort: string }; back: string; bulk?: BulkRejectState }) {
  const w = adminWords(props.lang);
  const v = queueWords(props.lang);
  const { page, values } = props;
  const state = page.state as QueueState;
  const bulk = props.bulk ?? { form: { values: { q: values.q }, errors: {} } };
  return (
    <>
      <nav aria-label={w.state} class="admin-nav">
        <ul>
          {(Object.keys(QUEUE_STATES) as QueueState[]).map((s) => (
            <li>
              <a href={`/admin/endorsements?state=${s}`} aria-current={s === state ? 'page' : undefined}>
                {w.queue[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <search>
        <form method="get" action="/admin/endorsements">
          <input type="hidden" name="state" value={state} />
          <label for="queue-q">{v.search}</label>
          <input id="queue-q" name="q" type="search" value={values.q} maxlength={100} />
          <label for="queue-sort">{v.sort}</label>
          <select id="queue-sort" name="sort">
            <option value="oldest" selected={values.sort !== 'newest'}>
              {v.oldest}
            </option>
            <option value="newest" selected={values.sort === 'newest'}>
              {v.newest}
            </option>
          </select>
          <button type="submit">{v.apply}</button>
        </form>
      </search>
      <p>
        <strong data-total={String(page.total)}>{fill(v.total, { total: page.total })}</strong>
      </p>
      {page.items.length === 0 ? <p>{w.none}</p> : null}
      {page.items.map((e) => (
        <Card lang={props.lang} e={e} back={props.back} actions />
      ))}
      <p>
        {page.next ? <a href={queueUrl(state, { q: values.q, sort: values.sort, cursor: page.next })}>{v.next}</a> : null}{' '}
        {props.back.includes('cursor=') ? <a href={queueUrl(state, { q: values.q, sort: values.sort })}>{v.first}</a> : null}
      </p>
      {state === 'pending' || state === 'unconfirmed' ? (
        <section aria-labelledby="bulk-reject">
          <h2 id="bulk-reject">{v.bulkHeading}</h2>
          <p>{v.bulkIntro}</p>
          <ErrorSummary title={w.errorSummary} errors={bulk.form.errors} order={[...BULK_REJECT_FIELDS, 'reason']} />
          <form method="post" action="/admin/endorsements/bulk-reject/preview">
            <input type="hidden" name="state" value={state} />
            <TextField name="q" label={w.search} form={bulk.form} />
            <TextField name="ipHash" label={v.ipHash} form={bulk.form} spellcheck={false} />
            <TextField name="emailDomain" label={v.emailDomain} form={bulk.form} spellcheck={false} />
            <button type="submit">{v.preview}</button>
          </form>
          {bulk.preview ? (
            <div class="card" aria-live="polite">
              <p>{fill(v.previewResult, { matching: bulk.preview.matching })}</p>
              <ul>
                {bulk.preview.sample.map((e) => (
                  <li>
                    #{e.id} {e.submittedName ?? e.nameHans ?? e.nameEn} · {e.website} · {e.contactEmail}
                  </li>
                ))}
              </ul>
              {bulk.preview.matching > 0 ? (
                <ActionButton
                  action="/admin/endorsements/bulk-reject"
                  label={fill(v.run, { matching: bulk.preview.matching })}
                  fields={{ state, ...Object.fromEntries(BULK_REJECT_FIELDS.map((f) => [f, bulk.form.values[f] ?? ''])), expected: String(bulk.preview.matching) }}
                >
                  <label for="bulk-reason">{v.reason}</label>
                  <input id="bulk-reason" name="reason" type="text" required maxlength={1000} />
                </ActionButton>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
