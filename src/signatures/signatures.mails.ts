import type { Lang } from '../platform/i18n/lang.ts';
import type { Mail } from '../platform/mail/mailer.ts';
import { type MailPart, renderMailHtml, renderMailText } from '../platform/mail/MailBody.tsx';
import { signWords } from './signatures.messages.ts';

function mail(to: string, subject: string, lang: Lang, parts: MailPart[]): Mail {
  return { to, subject, text: renderMailText(parts), html: renderMailHtml(lang, parts) };
}

export function confirmationMail(lang: Lang, to: string, pledgeTitle: string, confirmUrl: string, withdrawUrl: string): Mail {
  const w = signWords(lang).mail;
  return mail(to, w.confirmSubject, lang, [
    { text: w.confirmIntro.replace('{title}', pledgeTitle) },
    { link: confirmUrl, label: w.confirmAction },
    { text: w.confirmExpiry },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    { text: w.ignore },
  ]);
}

export function alreadySignedMail(lang: Lang, to: string, pledgeTitle: string, withdrawUrl: string): Mail {
  const w = signWords(lang).mail;
  return mail(to, w.remindSubject, lang, [
    { text: w.remindIntro.replace('{title}', pledgeTitle) },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    { text: w.ignore },
  ]);
}
