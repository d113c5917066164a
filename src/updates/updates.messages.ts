import { fill } from '../platform/i18n/fill.ts';
import { LANGS, type Lang } from '../platform/i18n/lang.ts';
import { formatNumber } from '../platform/ui/Count.tsx';
import type { LangText } from './updates.ts';

// Words of the updates list and of milestones, in the three languages.
type UpdatesWords = {
  heading: string;
  milestone: string;
  published: string;
  milestoneTitle: string;
  milestoneBody: string;
  goalTitle: string;
  goalBody: string;
};

const WORDS: Record<Lang, UpdatesWords> = {
  'zh-Hans': {
    heading: '进展',
    milestone: '里程碑',
    published: '发布于',
    milestoneTitle: '{n} 人签名',
    milestoneBody: '本倡议已有 {n} 位经确认的签名者。感谢每一位签名和转发的人。',
    goalTitle: '达到目标:{n} 人签名',
    goalBody: '本倡议达到了 {n} 人签名的目标。感谢每一位签名和转发的人。',
  },
  'zh-Hant': {
    heading: '進展',
    milestone: '里程碑',
    published: '發佈於',
    milestoneTitle: '{n} 人簽名',
    milestoneBody: '本倡議已有 {n} 位經確認的簽名者。感謝每一位簽名和轉發的人。',
    goalTitle: '達到目標:{n} 人簽名',
    goalBody: '本倡議達到了 {n} 人簽名的目標。感謝每一位簽名和轉發的人。',
  },
  en: {
    heading: 'Updates',
    milestone: 'Milestone',
    published: 'Published',
    milestoneTitle: '{n} signatures',
    milestoneBody: 'The pledge now has {n} confirmed signatures. Thank you to everyone who signed and shared it.',
    goalTitle: 'Goal reached: {n} signatures',
    goalBody: 'The pledge reached its goal of {n} signatures. Thank you to everyone who signed and shared it.',
  },
};

export function updatesWords(lang: Lang): UpdatesWords {
  return WORDS[lang];
}

// A milestone's title and body in every language, written when it is reached.
export function milestoneTexts(threshold: number, isGoal: boolean): { title: LangText; body: LangText } {
  const title: LangText = {};
  const body: LangText = {};
  for (const l of LANGS) {
    const w = WORDS[l];
    const n = formatNumber(threshold, l);
    title[l] = fill(isGoal ? w.goalTitle : w.milestoneTitle, { n });
    body[l] = fill(isGoal ? w.goalBody : w.milestoneBody, { n });
  }
  return { title, body };
}

// A date in the reader's language (UTC, day precision).
export function formatDate(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}
