import { HTML_LANG, type Lang } from '../i18n/lang.ts';

// The HTML part of a mail: paragraphs and links, escaped by hono/jsx.
export type MailPart = { text: string } | { link: string; label: string };

export function renderMailHtml(lang: Lang, parts: MailPart[]): string {
  return (
    '<!doctype html>' +
    (
      <html lang={HTML_LANG[lang]}>
        <body style="font-family:system-ui,sans-serif;line-height:1.6">
          {parts.map((p) =>
            'link' in p ? (
              <p>
                <a href={p.link}>{p.label}</a>
                <br />
                {p.link}
              </p>
            ) : (
              <p>{p.text}</p>
            ),
          )}
        </body>
      </html>
    ).toString()
  );
}

export function renderMailText(parts: MailPart[]): string {
  return parts.map((p) => ('link' in p ? p.link : p.text)).join('\n\n') + '\n';
}

// A whole mail (text and HTML parts) from the same paragraphs and links.
export function composeMail(to: string, subject: string, lang: Lang, parts: MailPart[]) {
  return { to, subject, text: renderMailText(parts), html: renderMailHtml(lang, parts) };
}
