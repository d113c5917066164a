import { fill } from '../platform/i18n/fill.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { type MailPart, renderMailHtml, renderMailText } from '../platform/mail/MailBody.tsx';
import type { Mail } from '../platform/mail/mailer.ts';
import { manageWords } from './manage.messages.ts';
import { signWords } from './signatures.messages.ts';

// Values go in with fill() (a replacer function), never String.replace patterns, so a
// title holding $' or $& arrives as typed.

function mail(to: string, subject: string, lang: Lang, parts: MailPart[]): Mail {
  return { to, subject, text: renderMailText(parts), html: renderMailHtml(lang, parts) };
}

// What a confirm link confirms: shown in the mail, so the mailbox owner decides.
export type ConfirmedDetails = { name: string; affiliation: string; title: string | null; public: boolean; updates?: boolean };

// Every signer mail ends with the link to the signer's own page (issue 15).
function manageParts(lang: Lang, manageUrl: string): MailPart[] {
  const m = manageWords(lang).mail;
  return [{ text: m.manageIntro }, { link: manageUrl, label: m.manageLink }];
}

export function confirmationMail(lang: Lang, to: string, pledgeTitle: string, confirmUrl: string, withdrawUrl: string, details: ConfirmedDetails, manageUrl: string): Mail {
  const w = signWords(lang).mail;
  const m = manageWords(lang).mail;
  return mail(to, w.confirmSubject, lang, [
    { text: fill(w.confirmIntro, { title: pledgeTitle }) },
    { text: w.detailsIntro },
    { text: fill(w.detailName, { name: details.name }) },
    { text: fill(w.detailAffiliation, { affiliation: details.affiliation }) },
    ...(details.title ? [{ text: fill(w.detailTitle, { title: details.title }) }] : []),
    { text: details.public ? w.listedPublic : w.listedPrivate },
    { text: details.updates ? m.updatesOn : m.updatesOff },
    { link: confirmUrl, label: w.confirmAction },
    { text: w.confirmExpiry },
    { text: w.notYourDetails },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    ...manageParts(lang, manageUrl),
    { text: w.ignore },
  ]);
}

export function alreadySignedMail(lang: Lang, to: string, pledgeTitle: string, withdrawUrl: string, manageUrl: string): Mail {
  const w = signWords(lang).mail;
  return mail(to, w.remindSubject, lang, [
    { text: fill(w.remindIntro, { title: pledgeTitle }) },
    { text: w.remindUnchanged },
    { text: w.withdrawAction },
    { link: withdrawUrl, label: signWords(lang).withdrawLink },
    ...manageParts(lang, manageUrl),
    { text: w.ignore },
  ]);
}

// An organiser's update or a milestone, to one opted-in signer: their own links only
// (manage, unsubscribe), never anyone else's data. RFC 8058 one-click unsubscribe: the
// List-Unsubscribe URL takes a POST with no login and no session. updateFor makes the
// mail queue drop it if the signer unsubscribes before it leaves (src/platform/mail/queue.ts).
export type UpdateMailContent = { kind: 'update' | 'milestone'; title: string; paragraphs: string[] };

export function updateMail(lang: Lang, to: string, signatureId: number, pledgeTitle: string, update: UpdateMailContent, links: { manage: string; unsubscribe: string }): Mail {
  const m = manageWords(lang).mail;
  return {
    ...mail(to, `${update.title} · ${pledgeTitle}`, lang, [
      { text: fill(update.kind === 'milestone' ? m.milestoneIntro : m.updateIntro, { title: pledgeTitle }) },
      { text: update.title },
      ...update.paragraphs.map((text) => ({ text })),
      { text: m.updateWhy },
      { link: links.unsubscribe, label: m.unsubscribeLink },
      ...manageParts(lang, links.manage),
    ]),
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    updateFor: signatureId,
  };
}
