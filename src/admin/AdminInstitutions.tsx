import type { Lang } from '../platform/i18n/lang.ts';
import { ErrorSummary, type FormState, SelectField, TextField } from '../platform/ui/FormParts.tsx';
import type { DomainRuleRow } from '../signatures/verification.queries.ts';
import { ActionButton, formatTime, TableHead } from './AdminLayout.tsx';
import { adminWords, fill } from './admin.messages.ts';
import { institutionWords } from './institutions.messages.ts';

// /admin/institutions: the organisers' rules over the academic and research domain list.
export function InstitutionRules(props: { lang: Lang; form: FormState; rules: (DomainRuleRow & { builtIn: boolean })[]; checked?: { domain: string; academic: boolean } | null }) {
  const w = institutionWords(props.lang);
  const a = adminWords(props.lang);
  return (
    <>
      <ErrorSummary title={a.errorSummary} errors={props.form.errors} order={['domain', 'listed', 'note', 'submit']} />
      <p>{w.intro}</p>
      <form method="post" action="/admin/institutions">
        <TextField name="domain" label={w.domain} form={props.form} spellcheck={false} required />
        <SelectField
          name="listed"
          label={w.listed}
          form={props.form}
          options={[
            ['1', w.add],
            ['0', w.remove],
          ]}
        />
        <TextField name="note" label={w.note} form={props.form} />
        <button type="submit" id="f-submit">
          {w.save}
        </button>
      </form>
      <form method="get" action="/admin/institutions">
        <TextField name="check" label={w.check} form={{ values: { check: props.checked?.domain ?? '' }, errors: {} }} spellcheck={false} />
        <button type="submit">{w.check}</button>
      </form>
      {props.checked ? (
        <p role="status" id="check-result">
          {fill(w.checkResult, { domain: props.checked.domain, result: props.checked.academic ? w.yes : w.no })}
        </p>
      ) : null}
      {props.rules.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <table>
          <TableHead cells={[w.domain, w.listed, w.builtIn, w.note, w.who, a.when, '']} />
          <tbody>
            {props.rules.map((r) => (
              <tr>
                <td class="mono">{r.domain}</td>
                <td>{r.listed ? w.yes : w.no}</td>
                <td>{r.builtIn ? w.yes : w.no}</td>
                <td>{r.note ?? ''}</td>
                <td>{r.actor}</td>
                <td>{formatTime(r.createdAt)}</td>
                <td>
                  <ActionButton action={`/admin/institutions/${encodeURIComponent(r.domain)}/delete`} label={w.reset} fields={{}} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
