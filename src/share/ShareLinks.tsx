import type { Lang } from '../platform/i18n/lang.ts';
import { fill, messages } from '../platform/i18n/messages.ts';
import { shareTargets } from './links.ts';
import { shareWords } from './share.messages.ts';

export type ShareLinksProps = {
  lang: Lang;
  slug: string;
  // The address to share (absolute, in the page's language) and the pledge's title.
  url: string;
  title: string;
  heading?: string;
  intro?: string;
};

// Ways to pass a pledge on, rendered on the server: the QR code (how WeChat users open a
// page), Weibo, X and mail links, and the address itself. web/share.js (share.browser.ts)
// adds the system share sheet (Web Share API) and a copy button where the browser has them.
export function ShareLinks(props: ShareLinksProps) {
  const t = messages(props.lang);
  const w = shareWords(props.lang);
  const to = shareTargets(props.url, props.title, fill(w.emailBody, { title: props.title, url: props.url }));
  return (
    <section class="share" aria-labelledby="share-heading" data-share-box data-url={props.url} data-title={props.title}>
      <h2 id="share-heading">{props.heading ?? w.heading}</h2>
      {props.intro ? <p>{props.intro}</p> : null}
      <img class="qr" src={`/p/${props.slug}/qr.svg`} width="144" height="144" alt={t.qrAlt} loading="lazy" />
      <div class="share-buttons">
        <button type="button" data-share hidden>
          {w.native}
        </button>
        <button type="button" data-copy data-done={w.copied} data-failed={w.copyFailed} hidden>
          {w.copy}
        </button>
      </div>
      <ul class="share-links">
        <li>
          <a href={to.weibo} data-share-to="weibo">
            {w.weibo}
          </a>
        </li>
        <li>
          <a href={to.x} data-share-to="x">
            {w.x}
          </a>
        </li>
        <li>
          <a href={to.email} data-share-to="email">
            {w.email}
          </a>
        </li>
      </ul>
      <p>{w.wechat}</p>
      <p class="share-url">
        {w.address} <a href={props.url}>{props.url}</a>
      </p>
      <p class="muted" role="status" data-share-status></p>
    </section>
  );
}
