import type { Lang } from '../platform/i18n/lang.ts';
import { fill } from '../platform/i18n/messages.ts';
import { ErrorSummary } from '../platform/ui/FormParts.tsx';
import { Turnstile } from '../platform/ui/Turnstile.tsx';
import { manageWords } from '../signatures/manage.messages.ts';
import { regionOptions } from '../signatures/regions.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { FIELDS } from '../signatures/signatures.ts';
import { verificationWords } from '../signatures/verification.messages.ts';

export type SignFormProps = {
  lang: Lang;
  slug: string;
  version: string;
  values?: Record<string, string>;
  // Field -> message, in the visitor's language.
  errors?: Record<string, string>;
  // Turnstile, when configured.
  turnstileSiteKey?: string;
  // ORCID sign-in (issue 16), when configured: the button links here.
  orcidStart?: string;
};

const ORDER = ['name', 'email', 'affiliation', 'field', 'region', 'title', 'orcid', 'public', 'updates'];

// The sign form's error summary: the pledge page puts it first in the main content.
// Errors of no one field (_, version, Turnstile) link to the submit button.
export function SignErrorSummary(props: { lang: Lang; errors?: Record<string, string> }) {
  return <ErrorSummary title={signWords(props.lang).errorSummary} errors={props.errors ?? {}} order={ORDER} />;
}

// The sign form, after the GOV.UK Design System pattern: visible labels, hints, an
// error summary linking to each field, inline messages, entered values kept.
export function SignForm(props: SignFormProps) {
  const w = signWords(props.lang);
  const v = props.values ?? {};
  const errors = props.errors ?? {};
  const id = (f: string) => `f-${f}`;
  const describedBy = (f: string, hint: boolean) => [hint ? `${id(f)}-hint` : '', errors[f] ? `${id(f)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const group = (f: string) => (errors[f] ? 'field field-error' : 'field');
  const inlineError = (f: string) =>
    errors[f] ? (
      <span class="error-message" id={`${id(f)}-error`}>
        {errors[f]}
      </span>
    ) : null;
  const hint = (f: keyof typeof w.hints) =>
    w.hints[f] ? (
      <span class="hint" id={`${id(f)}-hint`}>
        {w.hints[f]}
      </span>
    ) : null;
  const text = (f: 'name' | 'email' | 'affiliation' | 'title' | 'orcid', type: string, autocomplete: string, required: boolean) => (
    <div class={group(f)}>
      <label for={id(f)}>{w.labels[f]}</label>
      {hint(f as keyof typeof w.hints)}
      {inlineError(f)}
      <input
        id={id(f)}
        name={f}
        type={type}
        value={v[f] ?? ''}
        autocomplete={autocomplete}
        required={required}
        spellcheck={f === 'email' ? false : undefined}
        aria-invalid={errors[f] ? 'true' : undefined}
        aria-describedby={describedBy(f, !!w.hints[f as keyof typeof w.hints])}
      />
    </div>
  );
  const regions = regionOptions(props.lang);
  const vw = verificationWords(props.lang);
  // Signed in with ORCID: the proven iD is fixed (posted with its proof), not typed.
  const proven = v.orcidProof && v.orcid ? v.orcid : null;
  const orcidPart = proven ? (
    <div class={group('orcid')} id={id('orcid')} tabindex={-1}>
      {inlineError('orcid')}
      <p class="orcid-proven">
        {fill(vw.orcidProven, { orcid: proven })} <span class="hint">{vw.orcidProvenHint}</span>
      </p>
      <input type="hidden" name="orcid" value={proven} />
      <input type="hidden" name="orcidProof" value={v.orcidProof} />
      <p>
        <a href={`/p/${props.slug}#sign`}>{vw.orcidStartOver}</a>
      </p>
    </div>
  ) : (
    text('orcid', 'text', 'off', false)
  );
  return (
    <section class="card" id="sign" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{w.heading}</h2>
      <p>{w.intro}</p>
      {props.orcidStart && !proven ? (
        <p class="orcid-start">
          {vw.orcidOr}{' '}
          <a id="orcid-signin" class="button" href={props.orcidStart}>
            {vw.orcidButton}
          </a>
        </p>
      ) : null}
      <form method="post" action={`/p/${props.slug}/sign`} novalidate>
        <input type="hidden" name="version" value={props.version} />
        <input type="hidden" name="lang" value={props.lang} />
        {text('name', 'text', 'name', true)}
        {text('email', 'email', 'email', true)}
        {text('affiliation', 'text', 'organization', true)}
        <div class={group('field')}>
          <label for={id('field')}>{w.labels.field}</label>
          {inlineError('field')}
          <select id={id('field')} name="field" required aria-invalid={errors.field ? 'true' : undefined} aria-describedby={describedBy('field', false)}>
            <option value="">{w.choose}</option>
            {FIELDS.map((f) => (
              <option value={f} selected={v.field === f}>
                {w.fields[f]}
              </option>
            ))}
          </select>
        </div>
        <div class={group('region')}>
          <label for={id('region')}>{w.labels.region}</label>
          {inlineError('region')}
          <select id={id('region')} name="region" required autocomplete="country" aria-invalid={errors.region ? 'true' : undefined} aria-describedby={describedBy('region', false)}>
            <option value="">{w.choose}</option>
            <optgroup label={w.china}>
              {regions.china.map(([code, name]) => (
                <option value={code} selected={v.region === code}>
                  {name}
                </option>
              ))}
            </optgroup>
            <optgroup label={w.world}>
              {regions.world.map(([code, name]) => (
                <option value={code} selected={v.region === code}>
                  {name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {text('title', 'text', 'organization-title', false)}
        {orcidPart}
        <div class={group('public')}>
          <label class="check" for={id('public')}>
            <input id={id('public')} name="public" type="checkbox" checked={v.public === 'on'} aria-describedby={`${id('public')}-hint`} />
            <span>{w.labels.public}</span>
          </label>
          {hint('public')}
        </div>
        <div class={group('updates')}>
          <label class="check" for={id('updates')}>
            <input id={id('updates')} name="updates" type="checkbox" checked={v.updates === 'on'} aria-describedby={`${id('updates')}-hint`} />
            <span>{manageWords(props.lang).optIn.label}</span>
          </label>
          <span class="hint" id={`${id('updates')}-hint`}>
            {manageWords(props.lang).optIn.hint}
          </span>
        </div>
        <div class="hp" aria-hidden="true">
          <label for="f-website">Website</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <Turnstile siteKey={props.turnstileSiteKey} lang={props.lang} />
        <button type="submit" id={id('submit')}>
          {w.submit}
        </button>
      </form>
    </section>
  );
}
