import type { Lang } from '../platform/i18n/lang.ts';
import { fill } from '../platform/i18n/messages.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { retentionWords } from '../signatures/retention.messages.ts';
import { erasureDueAt } from '../signatures/retention.ts';

// Under the sign form: what is kept about a signer, until when (the pledge's retention
// period, src/signatures/retention.ts), and what stays afterwards.
export function PrivacyNote(props: { lang: Lang; pledge: Pick<Pledge, 'closesAt' | 'retentionDays'> }) {
  const w = retentionWords(props.lang);
  const due = erasureDueAt(props.pledge);
  const days = props.pledge.retentionDays;
  return (
    <details class="card privacy" id="privacy">
      <summary>{w.summary}</summary>
      <p>{w.kept}</p>
      <p>
        {due === null ? fill(w.untilNoClose, { days }) : fill(w.until, { days, date: new Date(due).toISOString().slice(0, 10) })} {w.erased}
      </p>
      <p>{w.noWithdraw}</p>
      <p>{w.stays}</p>
    </details>
  );
}
