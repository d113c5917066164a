import { fill } from '../platform/i18n/fill.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { composeMail } from '../platform/mail/MailBody.tsx';
import type { Mail } from '../platform/mail/mailer.ts';
import { endorseWords } from './endorsements.messages.ts';

export function endorseConfirmationMail(lang: Lang, to: string, society: string, title: string, confirmUrl: string): Mail {
  const w = endorseWords(lang);
  return composeMail(to, w.mail.confirmSubject, lang, [
    { text: fill(w.mail.confirmIntro, { society, title }) },
    { link: confirmUrl, label: w.confirmButton },
    { text: w.mail.confirmExpiry },
  ]);
}

export function endorsementVerifiedMail(lang: Lang, to: string, society: string, title: string, pledgeUrl: string): Mail {
  const w = endorseWords(lang);
  return composeMail(to, w.mail.verifiedSubject, lang, [{ text: fill(w.mail.verifiedBody, { society, title }) }, { link: pledgeUrl, label: title }]);
}

export function endorsementRejectedMail(lang: Lang, to: string, society: string, title: string, reason: string): Mail {
  const w = endorseWords(lang);
  return composeMail(to, w.mail.rejectedSubject, lang, [{ text: fill(w.mail.rejectedBody, { society, title }) }, { text: fill(w.mail.reason, { reason }) }]);
}
