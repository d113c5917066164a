import type { Lang } from '../platform/i18n/lang.ts';
import { logWords } from './log.messages.ts';

// On the thank-you page: what a receipt is, in plain words, and a button to download it
// (a POST, so the confirm link is never fetched by a GET that could act).
export function ReceiptCard(props: { lang: Lang; action: string; slug: string }) {
  const w = logWords(props.lang);
  return (
    <section class="card" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading">{w.receiptHeading}</h2>
      {w.receiptBody.map((p) => (
        <p>{p}</p>
      ))}
      <form method="post" action={props.action}>
        <button type="submit">{w.receiptButton}</button>
      </form>
      <p>
        <a href={`/p/${props.slug}/verify?lang=${props.lang}`}>{w.verifyLink}</a>
      </p>
    </section>
  );
}
