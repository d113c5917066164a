import type { Lang } from '../platform/i18n/lang.ts';
import { ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../platform/ui/FormParts.tsx';
import { Turnstile } from '../platform/ui/Turnstile.tsx';
import { signWords } from '../signatures/signatures.messages.ts';
import { endorseWords } from './endorsements.messages.ts';
import { CATEGORIES } from './endorsements.ts';

const ORDER = ['name', 'nameEn', 'website', 'category', 'contactName', 'contactRole', 'email', 'statement', 'submit'] as const;

// The society co-signature form (no JavaScript needed).
export function EndorseForm(props: { lang: Lang; slug: string; form: FormState; turnstileSiteKey?: string }) {
  const w = endorseWords(props.lang);
  const sw = signWords(props.lang);
  const { form } = props;
  return (
    <section class="card" id="endorse" aria-labelledby="endorse-heading">
      <ErrorSummary title={sw.errorSummary} errors={form.errors} order={ORDER} />
      <p>{w.intro}</p>
      <form method="post" action={`/p/${props.slug}/endorse`} novalidate>
        <input type="hidden" name="lang" value={props.lang} />
        <TextField name="name" label={w.labels.name} hint={w.hints.name} form={form} required autocomplete="organization" />
        <TextField name="nameEn" label={w.labels.nameEn} form={form} autocomplete="off" />
        <TextField name="website" label={w.labels.website} hint={w.hints.website} form={form} required type="url" autocomplete="url" spellcheck={false} />
        <SelectField name="category" label={w.labels.category} form={form} required choose={sw.choose} options={CATEGORIES.map((c) => [c, sw.fields[c]] as const)} />
        <TextField name="contactName" label={w.labels.contactName} form={form} required autocomplete="name" />
        <TextField name="contactRole" label={w.labels.contactRole} form={form} required autocomplete="organization-title" />
        <TextField name="email" label={w.labels.email} hint={w.hints.email} form={form} required type="email" autocomplete="email" spellcheck={false} />
        <TextArea name="statement" label={w.labels.statement} form={form} />
        <div class="hp" aria-hidden="true">
          <label for="f-homepage">Homepage</label>
          <input id="f-homepage" name="homepage" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <Turnstile siteKey={props.turnstileSiteKey} lang={props.lang} />
        <button type="submit" id="f-submit">
          {w.submit}
        </button>
      </form>
    </section>
  );
}
