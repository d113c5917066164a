import type { Lang } from '../platform/i18n/lang.ts';

// Share addresses built on the server: plain links, no third-party script on our pages.
// Weibo's and X's share forms take the address and a text; mail opens the visitor's
// own program with a subject and a body.
export type ShareTargets = { weibo: string; x: string; email: string };

const q = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

export function shareTargets(url: string, title: string, emailBody: string): ShareTargets {
  return {
    weibo: `https://service.weibo.com/share/share.php?${q({ url, title })}`,
    x: `https://x.com/intent/post?${q({ text: title, url })}`,
    // encodeURIComponent, not URLSearchParams: mail programs read "+" literally.
    email: `mailto:?${q({ subject: title, body: emailBody })}`,
  };
}

// The address of a page in one language (?lang= picks it; without it, the visitor's).
export function langUrl(url: string, lang: Lang): string {
  return `${url}?lang=${lang}`;
}
