import { fill } from '../platform/i18n/fill.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ErrorSummary, type FormState, TextField } from '../platform/ui/FormParts.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import type { ManageView } from './manage.actions.ts';
import { manageWords } from './manage.messages.ts';
import { regionName } from './regions.ts';
import { signWords } from './signatures.messages.ts';
import type { Field } from './signatures.ts';

export type ManagePageProps = {
  lang: Lang;
  path: string;
  token: string;
  pledgeTitle: string;
  maskedEmail: string;
  view: ManageView;
  saved?: boolean;
  // The name and affiliation form, again with its errors.
  details?: FormState;
};

// The signer's own page (GET /manage/:token): what is recorded, and every change as its
// own small form posting back here (changes by POST only; works without JavaScript).
export function ManagePage(props: ManagePageProps) {
  const { lang, view, token } = props;
  const w = manageWords(lang);
  const s = signWords(lang);
  const base = `/manage/${token}`;
  const yesNo = (b: boolean) => (b ? w.yes : w.no);
  const details: FormState = props.details ?? { values: { name: view.name ?? '', affiliation: view.affiliation ?? '' }, errors: {} };
  const rows: [string, string][] = [
    [w.labels.name, view.name ?? w.none],
    [w.labels.affiliation, view.affiliation ?? w.none],
    [w.labels.title, view.title ?? w.none],
    [w.labels.orcid, view.orcid ?? w.none],
    [w.labels.field, s.fields[view.field as Field] ?? view.field],
    [w.labels.region, regionName(view.region, lang)],
    [w.labels.public, yesNo(view.public)],
    [w.labels.updates, yesNo(view.updates)],
  ];
  return (
    <Layout lang={lang} path={props.path} title={`${w.title} · ${messages(lang).siteName}`}>
      <h1>{w.title}</h1>
      <p>{fill(w.pledge, { title: props.pledgeTitle })}</p>
      <p>{fill(w.address, { address: props.maskedEmail })}</p>
      <p>{view.confirmed ? w.states.confirmed : w.states.pending}</p>
      {props.saved ? (
        <p class="card" role="status">
          {w.saved}
        </p>
      ) : null}
      <ErrorSummary title={w.errorSummary} errors={details.errors} order={['name', 'affiliation']} />
      <section aria-labelledby="recorded">
        <h2 id="recorded">{w.recorded}</h2>
        <dl class="recorded">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      </section>
      {view.confirmed ? (
        <>
          <section aria-labelledby="consent-heading">
            <h2 id="consent-heading">{w.consentHeading}</h2>
            <form method="post" action={`${base}/consent`}>
              <div class="field">
                <label class="check" for="f-public">
                  <input id="f-public" name="public" type="checkbox" checked={view.public} />
                  <span>{w.consentLabel}</span>
                </label>
              </div>
              <button type="submit">{w.save}</button>
            </form>
          </section>
          <section aria-labelledby="updates-heading">
            <h2 id="updates-heading">{w.updatesHeading}</h2>
            <form method="post" action={`${base}/updates`}>
              <div class="field">
                <label class="check" for="f-updates">
                  <input id="f-updates" name="updates" type="checkbox" checked={view.updates} aria-describedby="f-updates-hint" />
                  <span>{w.optIn.label}</span>
                </label>
                <span class="hint" id="f-updates-hint">
                  {w.optIn.hint}
                </span>
              </div>
              <button type="submit">{w.save}</button>
            </form>
          </section>
          <section aria-labelledby="details-heading">
            <h2 id="details-heading">{w.detailsHeading}</h2>
            <p>{w.detailsHint}</p>
            <form method="post" action={`${base}/details`} novalidate>
              <TextField name="name" label={w.labels.name} form={details} required autocomplete="name" />
              <TextField name="affiliation" label={w.labels.affiliation} form={details} required autocomplete="organization" />
              <button type="submit" id="f-submit">
                {w.save}
              </button>
            </form>
          </section>
          <section aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">{w.receiptHeading}</h2>
            <p>{w.receiptHint}</p>
            <form method="post" action={`/confirm/${token}/receipt`}>
              <button type="submit">{w.receiptButton}</button>
            </form>
          </section>
        </>
      ) : (
        <p>{w.pendingNote}</p>
      )}
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{w.dataHeading}</h2>
        <p>{w.dataHint}</p>
        <form method="post" action={`${base}/data`}>
          <button type="submit">{w.dataButton}</button>
        </form>
      </section>
      <section aria-labelledby="withdraw-heading">
        <h2 id="withdraw-heading">{w.withdrawHeading}</h2>
        <p>{w.withdrawHint}</p>
        <form method="post" action={`${base}/withdraw`}>
          <button type="submit">{w.withdrawButton}</button>
        </form>
      </section>
    </Layout>
  );
}
