import { HTML_LANG, LANGS, type Lang } from '../platform/i18n/lang.ts';
import { messages } from '../platform/i18n/messages.ts';
import { ErrorSummary, type FormState, TextArea, TextField } from '../platform/ui/FormParts.tsx';
import { type PledgeUpdate, pickLang } from '../updates/updates.ts';
import { formatTime, TableHead } from './AdminLayout.tsx';
import { pledgeUpdateWords } from './pledge-updates.messages.ts';

const ORDER = [...LANGS.flatMap((l) => [`title.${l}`, `body.${l}`]), 'title', 'body', 'notify', 'thresholds', 'submit'];

export type UpdateRow = PledgeUpdate & { notify: boolean; recipients: number };

// The console's updates page of one pledge: what was published, a form to publish one
// more (in one to three languages), and the milestone thresholds.
export function AdminPledgeUpdates(props: { lang: Lang; slug: string; fallback: Lang; updates: UpdateRow[]; form: FormState; milestones: FormState }) {
  const w = pledgeUpdateWords(props.lang);
  const base = `/admin/pledges/${props.slug}`;
  return (
    <>
      <ErrorSummary title={w.publish} errors={{ ...props.form.errors, ...props.milestones.errors }} order={ORDER} />
      {props.updates.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <table>
          <TableHead cells={[w.published, w.title, w.kind.update, w.mailed]} />
          <tbody>
            {props.updates.map((u) => (
              <tr>
                <td>{formatTime(u.publishedAt)}</td>
                <td>{pickLang(u.title, props.lang, props.fallback).text}</td>
                <td>{w.kind[u.kind]}</td>
                <td>{u.notify ? String(u.recipients) : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{w.publish}</h2>
      <p>{w.publishHint}</p>
      <form method="post" action={`${base}/updates`} novalidate>
        {LANGS.map((l) => (
          <fieldset lang={HTML_LANG[l]}>
            <legend>{messages(l).langName}</legend>
            <TextField name={`title.${l}`} label={w.title} form={props.form} />
            <TextArea name={`body.${l}`} label={w.body} hint={w.bodyHint} form={props.form} rows={8} />
          </fieldset>
        ))}
        <div class="field">
          <label class="check" for="f-notify">
            <input id="f-notify" name="notify" type="checkbox" checked={props.form.values.notify === 'on'} />
            <span>{w.notify}</span>
          </label>
        </div>
        <button type="submit" id="f-submit">
          {w.submit}
        </button>
      </form>
      <h2>{w.milestones}</h2>
      <p>{w.milestonesHint}</p>
      <form method="post" action={`${base}/milestones`} novalidate>
        <TextField name="thresholds" label={w.thresholds} form={props.milestones} />
        <div class="field">
          <label class="check" for="f-milestones-notify">
            <input id="f-milestones-notify" name="notify" type="checkbox" checked={props.milestones.values.notify === 'on'} />
            <span>{w.milestonesNotify}</span>
          </label>
        </div>
        <button type="submit">{w.save}</button>
      </form>
    </>
  );
}
