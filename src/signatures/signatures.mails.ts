import { fill } from '../platform/i18n/fill.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { type MailPart, renderMailHtml, renderMailText } from '../platform/mail/MailBody.tsx';
import type { Mail } from '../platform/mail/mailer.ts';
import { signWords } from './signatures.messages.ts';

// Values go in with fill() (a replacer function), never String.replace patterns, so a
// title holding $' or $& arrives as typed.

function mail(to: string, subject: string, lang: Lang, parts: MailPart[]): Mail {
  return { to, subject, text: renderMailText(parts), html: renderMailHtml(lang, parts) };
}

// What a confirm link confirms: shown in the mail, so the mailbox owner decides.
export type ConfirmedDetails = { name: string; affiliation: string; title: string | null; public: boolean };

export function confirmationMail(lang: Lang, to: string, pledgeTitle: string, confirmUrl: string, withdrawUrl: string, details: ConfirmedDetails): Mail {
  const w = signWords(lang).mail;
  return mail(to, w.confirmSubject, lang, [
    { text: fill(w.confirmIntro, { title: pledgeTitle }) },
    { text: w.detailsIntro },
    { text: fill(w.detailName, { name: details.name }) },
    { text: fill(w.detailAffiliation, { affiliation: details.affiliation }) },
    ...(details.title ? [{ text: fill(w.detailTitle, { title: details.title }) }] : []),
    { text: details.public ? w.listedPublic : w.listedPrivate },
    { link: confirmUrl, label: w.confirmAction },
    { text: w.confirmExpiry },
    { text: w.notYourDetails },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    { text: w.ignore },
  ]);
}

export function alreadySignedMail(lang: Lang, to: string, pledgeTitle: string, withdrawUrl: string): Mail {
  const w = signWords(lang).mail;
  return mail(to, w.remindSubject, lang, [
    { text: fill(w.remindIntro, { title: pledgeTitle }) },
    { text: w.remindUnchanged },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    { text: w.ignore },
  ]);
}
