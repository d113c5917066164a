import type { Lang } from '../platform/i18n/lang.ts';
import { ErrorSummary, type FormState, TextField } from '../platform/ui/FormParts.tsx';
import { formatTime, TableHead } from './AdminLayout.tsx';
import { adminWords } from './admin.messages.ts';
import type { AuditRow } from './audit.ts';
import type { PledgeSummary } from './pledge-editor.ts';

export function LoginForm(props: { lang: Lang; next: string; error?: string }) {
  const w = adminWords(props.lang);
  const form: FormState = { values: {}, errors: props.error ? { token: props.error } : {} };
  return (
    <>
      <ErrorSummary title={w.errorSummary} errors={form.errors} order={['actor', 'token']} />
      <p>{w.loginIntro}</p>
      <form method="post" action="/admin/login">
        <input type="hidden" name="next" value={props.next} />
        <TextField name="actor" label={w.actor} form={form} autocomplete="name" />
        <TextField name="token" label={w.token} form={form} type="password" autocomplete="current-password" required />
        <button type="submit" id="f-submit">
          {w.login}
        </button>
      </form>
    </>
  );
}

export function AdminHome(props: { lang: Lang; awaiting: number; pledges: PledgeSummary[] }) {
  const w = adminWords(props.lang);
  return (
    <>
      <p>
        <a href="/admin/endorsements?state=pending">
          {w.queue.pending}: <strong>{props.awaiting}</strong>
        </a>
      </p>
      <h2>{w.export}</h2>
      <ul>
        <li>
          <a href="/admin/export/signatures.csv">{w.exportSignatures}</a>
        </li>
        <li>
          <a href="/admin/export/endorsements.csv">{w.exportEndorsements}</a>
        </li>
      </ul>
      <h2>{w.nav.pledges}</h2>
      <PledgeTable lang={props.lang} pledges={props.pledges} />
    </>
  );
}

export function PledgeTable(props: { lang: Lang; pledges: PledgeSummary[] }) {
  const w = adminWords(props.lang);
  return (
    <table>
      <TableHead cells={[w.slug, w.title, w.status, w.individuals, w.societies, w.goal, '']} />
      <tbody>
        {props.pledges.map((p) => (
          <tr>
            <td>
              {p.slug}
              {p.featured ? ' ★' : ''}
            </td>
            <td>{p.title}</td>
            <td>{w.statuses[p.status as keyof typeof w.statuses] ?? p.status}</td>
            <td>{p.individuals}</td>
            <td>{p.societies}</td>
            <td>{p.goal ?? ''}</td>
            <td>
              <a href={`/admin/pledges/${p.slug}`}>{w.edit}</a> · <a href={`/admin/pledges/${p.slug}/preview`}>{w.previewPage}</a> ·{' '}
              <a href={`/admin/export/signatures.csv?pledge=${p.slug}`}>CSV</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditTable(props: { lang: Lang; rows: AuditRow[] }) {
  const w = adminWords(props.lang);
  const last = props.rows.at(-1);
  return (
    <>
      <table>
        <TableHead cells={[w.when, w.who, w.what, w.which, w.details]} />
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatTime(r.createdAt)}</td>
              <td>{r.actor}</td>
              <td>
                {w.auditActions[r.action] ?? r.action}
                <br />
                <span class="mono">{r.action}</span>
              </td>
              <td>{r.target ?? ''}</td>
              <td class="mono">{r.detail && r.detail.length > 300 ? `${r.detail.slice(0, 300)}…` : (r.detail ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length === 100 && last ? (
        <p>
          <a href={`/admin/audit?before=${last.id}`}>→</a>
        </p>
      ) : null}
    </>
  );
}
