import { adminWords } from './admin.messages.ts';
import { emailMatchesWebsite, type QueueState, QUEUE_STATES } from '../endorsements/endorsements.ts';
import type { EndorsementDetail } from '../endorsements/endorsements.queries.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { signWords } from '../signatures/signatures.messages.ts';
import { ActionButton, formatTime } from './AdminLayout.tsx';

// The endorsement queue: one state at a time; verify, or reject with a reason.
export function EndorsementQueue(props: { lang: Lang; state: QueueState; items: EndorsementDetail[] }) {
  const w = adminWords(props.lang);
  const fields = signWords(props.lang).fields as Record<string, string>;
  const back = `/admin/endorsements?state=${props.state}`;
  return (
    <>
      <nav aria-label={w.state} class="admin-nav">
        <ul>
          {(Object.keys(QUEUE_STATES) as QueueState[]).map((s) => (
            <li>
              <a href={`/admin/endorsements?state=${s}`} aria-current={s === props.state ? 'page' : undefined}>
                {w.queue[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.items.length === 0 ? <p>{w.none}</p> : null}
      {props.items.map((e) => {
        const domain = e.contactEmail?.split('@')[1] ?? '';
        return (
          <section class="card" aria-labelledby={`e-${e.id}`}>
            <h2 id={`e-${e.id}`}>
              #{e.id} {[e.nameHans, e.nameHant, e.nameEn].filter(Boolean).join(' / ')}
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
              {e.contactName} ({e.contactRole}) · {e.contactEmail} · {emailMatchesWebsite(domain, e.websiteHost) ? w.emailMatches : w.emailDiffers}
            </p>
            {e.submittedName || e.submittedWebsite ? (
              <p class="muted">
                → {e.submittedName} · {e.submittedWebsite}
              </p>
            ) : null}
            {e.statement ? <blockquote>{e.statement}</blockquote> : null}
            <p class="muted">
              {formatTime(e.createdAt)} {e.confirmedAt ? `· ${formatTime(e.confirmedAt)}` : ''} {e.rejectReason ? `· ${e.rejectReason}` : ''}
            </p>
            {e.state === 'confirmed' ? <ActionButton action={`/admin/endorsements/${e.id}/verify`} label={w.verify} fields={{ back }} /> : null}
            {e.state !== 'rejected' ? (
              <ActionButton action={`/admin/endorsements/${e.id}/reject`} label={w.reject} fields={{ back }}>
                <label for={`reason-${e.id}`}>{w.reason}</label>
                <input id={`reason-${e.id}`} name="reason" type="text" required maxlength={1000} />
              </ActionButton>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
