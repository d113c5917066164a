import { translateFieldCodes } from '../platform/i18n/fields.ts';
import type { Lang } from '../platform/i18n/lang.ts';

// Words of the console's updates and milestones page (issue 15).
type Words = {
  link: string;
  heading: string;
  publish: string;
  publishHint: string;
  title: string;
  body: string;
  bodyHint: string;
  notify: string;
  submit: string;
  published: string;
  none: string;
  kind: { update: string; milestone: string };
  mailed: string;
  milestones: string;
  milestonesHint: string;
  thresholds: string;
  milestonesNotify: string;
  save: string;
  errors: Record<string, Record<string, string>>;
  generic: string;
};

const en: Words = {
  link: 'Updates and milestones',
  heading: 'Updates and milestones',
  publish: 'Publish an update',
  publishHint: 'Fill in one to three languages (title and text in each). Plain text: a blank line starts a paragraph; web addresses become links.',
  title: 'Title',
  body: 'Text',
  bodyHint: 'Shown on the pledge page, newest first, with the date.',
  notify: 'Mail it to confirmed signers who asked for updates',
  submit: 'Publish',
  published: 'Published',
  none: 'No updates yet.',
  kind: { update: 'Update', milestone: 'Milestone' },
  mailed: 'Mailed to',
  milestones: 'Milestones',
  milestonesHint: "A milestone update appears once when the count reaches the pledge's goal or one of these numbers.",
  thresholds: 'Thresholds (numbers separated by commas or spaces)',
  milestonesNotify: 'Mail milestones to confirmed signers who asked for updates',
  save: 'Save',
  errors: {
    title: { required: 'Give a title', invalid: 'Give a title in each language you fill in', tooLong: 'The title is too long' },
    body: {
      required: 'Give a text',
      invalid: 'Give a text in each language you fill in',
      tooLong: 'The text is too long',
      languages: 'Fill in the title and the text in the same languages',
    },
    thresholds: { invalid: 'Thresholds must be whole numbers above zero', tooMany: 'At most 20 thresholds' },
  },
  generic: 'Check this field',
};

const zhHans: Words = {
  link: '进展与里程碑',
  heading: '进展与里程碑',
  publish: '发布进展',
  publishHint: '填写一到三种语言(每种语言都填标题和正文)。纯文本:空一行开始新段落;网址会成为链接。',
  title: '标题',
  body: '正文',
  bodyHint: '显示在倡议页面上,最新的在前,并注明日期。',
  notify: '发邮件给选择接收进展的已确认签名者',
  submit: '发布',
  published: '发布时间',
  none: '还没有进展。',
  kind: { update: '进展', milestone: '里程碑' },
  mailed: '已发送给',
  milestones: '里程碑',
  milestonesHint: '签名数达到倡议目标或以下数字时,自动发布一次里程碑。',
  thresholds: '门槛(数字,用逗号或空格分隔)',
  milestonesNotify: '把里程碑发邮件给选择接收进展的已确认签名者',
  save: '保存',
  errors: {
    title: { required: '请填写标题', invalid: '所填的每种语言都要有标题', tooLong: '标题太长' },
    body: { required: '请填写正文', invalid: '所填的每种语言都要有正文', tooLong: '正文太长', languages: '标题和正文要填写相同的语言' },
    thresholds: { invalid: '门槛必须是大于零的整数', tooMany: '最多 20 个门槛' },
  },
  generic: '请检查此项',
};

const zhHant: Words = {
  link: '進展與里程碑',
  heading: '進展與里程碑',
  publish: '發佈進展',
  publishHint: '填寫一到三種語言(每種語言都填標題和正文)。純文字:空一行開始新段落;網址會成為連結。',
  title: '標題',
  body: '正文',
  bodyHint: '顯示在倡議頁面上,最新的在前,並註明日期。',
  notify: '發郵件給選擇接收進展的已確認簽名者',
  submit: '發佈',
  published: '發佈時間',
  none: '還沒有進展。',
  kind: { update: '進展', milestone: '里程碑' },
  mailed: '已發送給',
  milestones: '里程碑',
  milestonesHint: '簽名數達到倡議目標或以下數字時,自動發佈一次里程碑。',
  thresholds: '門檻(數字,用逗號或空格分隔)',
  milestonesNotify: '把里程碑發郵件給選擇接收進展的已確認簽名者',
  save: '保存',
  errors: {
    title: { required: '請填寫標題', invalid: '所填的每種語言都要有標題', tooLong: '標題太長' },
    body: { required: '請填寫正文', invalid: '所填的每種語言都要有正文', tooLong: '正文太長', languages: '標題和正文要填寫相同的語言' },
    thresholds: { invalid: '門檻必須是大於零的整數', tooMany: '最多 20 個門檻' },
  },
  generic: '請檢查此項',
};

const WORDS: Record<Lang, Words> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function pledgeUpdateWords(lang: Lang): Words {
  return WORDS[lang];
}

export function pledgeUpdateErrors(lang: Lang, codes: Record<string, string>): Record<string, string> {
  return translateFieldCodes(WORDS[lang].errors, WORDS[lang].generic, codes);
}
