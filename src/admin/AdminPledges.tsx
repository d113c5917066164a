import { HTML_LANG, LANGS, type Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../platform/ui/FormParts.tsx';
import { formatTime, TableHead } from './AdminLayout.tsx';
import { adminWords, fill } from './admin.messages.ts';

export const TEXT_FIELDS = ['title', 'subtitle', 'body', 'societiesHeading'] as const;
const ORDER = [
  'slug',
  'status',
  'goal',
  'opensAt',
  'closesAt',
  'retentionDays',
  'featured',
  'defaultLang',
  ...LANGS.flatMap((l) => [...TEXT_FIELDS, 'counterNoun'].map((f) => `${f}.${l}`)),
  'submit',
];

// Create or edit a pledge: settings, then title and text in each language.
export function PledgeForm(props: { lang: Lang; form: FormState; action: string; submit: string; slugLocked: boolean }) {
  const w = adminWords(props.lang);
  const { form } = props;
  return (
    <>
      <ErrorSummary title={w.errorSummary} errors={form.errors} order={ORDER} />
      <form method="post" action={props.action} novalidate>
        <TextField name="slug" label={w.slug} form={form} required spellcheck={false} hint={props.slugLocked ? w.codes.locked : undefined} />
        <SelectField name="status" label={w.status} form={form} options={(['draft', 'open', 'closed'] as const).map((s) => [s, w.statuses[s]] as const)} />
        <TextField name="goal" label={w.goal} form={form} type="number" />
        <TextField name="opensAt" label={w.opensAt} form={form} type="datetime-local" />
        <TextField name="closesAt" label={w.closesAt} form={form} type="datetime-local" />
        <TextField name="retentionDays" label={w.retentionDays} hint={w.retentionHint} form={form} type="number" />
        <div class="field">
          <label class="check" for="f-featured">
            <input id="f-featured" name="featured" type="checkbox" checked={form.values.featured === 'on'} />
            <span>{w.featured}</span>
          </label>
        </div>
        <SelectField name="defaultLang" label={w.defaultLang} form={form} options={LANGS.map((l) => [l, messages(l).langName] as const)} />
        {LANGS.map((l) => (
          <fieldset lang={HTML_LANG[l]}>
            <legend>
              {w.textIn}: {messages(l).langName}
            </legend>
            <TextField name={`title.${l}`} label={w.title} form={form} />
            <TextField name={`subtitle.${l}`} label={w.subtitle} form={form} />
            <TextArea name={`body.${l}`} label={w.body} form={form} rows={14} />
            <TextField name={`societiesHeading.${l}`} label={w.societiesHeading} form={form} />
            <TextField name={`counterNoun.${l}`} label={w.counterNoun} hint={fill(w.counterNounHint, { noun: messages(l).counterNoun })} form={form} />
          </fieldset>
        ))}
        <button type="submit" id="f-submit">
          {props.submit}
        </button>
      </form>
    </>
  );
}

export function VersionTable(props: { lang: Lang; versions: { lang: string; version: string; title: string; current: number; publishedAt: number; signatures: number }[] }) {
  const w = adminWords(props.lang);
  return (
    <>
      <h2>{w.versions}</h2>
      <table>
        <TableHead cells={[w.defaultLang, w.title, w.when, w.signatures, 'hash']} />
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <td>
                {v.lang}
                {v.current ? ` (${w.current})` : ''}
              </td>
              <td>{v.title}</td>
              <td>{formatTime(v.publishedAt)}</td>
              <td>{v.signatures}</td>
              <td class="mono">{v.version.slice(0, 16)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
