import type { Lang } from '../platform/i18n/lang.ts';

// Words of the signer's own page (/manage/:token), the unsubscribe page, the updates
// opt-in and the update mails (issue 15), in the three languages.
type ManageWords = {
  optIn: { label: string; hint: string };
  mail: {
    updatesOn: string;
    updatesOff: string;
    manageIntro: string;
    manageLink: string;
    updateIntro: string;
    milestoneIntro: string;
    updateWhy: string;
    unsubscribeLink: string;
  };
  title: string;
  pledge: string;
  address: string;
  recorded: string;
  states: { pending: string; confirmed: string };
  labels: { name: string; affiliation: string; title: string; orcid: string; field: string; region: string; public: string; updates: string };
  yes: string;
  no: string;
  none: string;
  pendingNote: string;
  consentHeading: string;
  consentLabel: string;
  updatesHeading: string;
  detailsHeading: string;
  detailsHint: string;
  save: string;
  saved: string;
  receiptHeading: string;
  receiptHint: string;
  receiptButton: string;
  dataHeading: string;
  dataHint: string;
  dataButton: string;
  withdrawHeading: string;
  withdrawHint: string;
  withdrawButton: string;
  errorSummary: string;
  unsubscribeTitle: string;
  unsubscribeBody: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedBody: string;
};

const zhHans: ManageWords = {
  optIn: { label: '通过邮件告诉我本倡议的进展', hint: '组织者偶尔发布的进展和里程碑。每封邮件都可一键退订。' },
  mail: {
    updatesOn: '你选择了通过邮件接收本倡议的进展。',
    updatesOff: '你不会收到本倡议的进展邮件。',
    manageIntro: '在你自己的页面上查看我们保存的信息、修改或撤回签名:',
    manageLink: '管理我的签名',
    updateIntro: '你签署的倡议“{title}”有新的进展:',
    milestoneIntro: '你签署的倡议“{title}”达到了一个里程碑:',
    updateWhy: '你签名时选择了接收进展邮件,所以收到这封邮件。',
    unsubscribeLink: '退订进展邮件',
  },
  title: '我的签名',
  pledge: '倡议:{title}',
  address: '邮箱:{address}',
  recorded: '我们保存的信息',
  states: { pending: '尚未确认:请使用我们发给你的邮件中的链接确认。', confirmed: '已确认。' },
  labels: {
    name: '姓名',
    affiliation: '工作单位',
    title: '职称或职务',
    orcid: 'ORCID iD',
    field: '学科领域',
    region: '所在地区',
    public: '公开显示姓名和单位',
    updates: '接收进展邮件',
  },
  yes: '是',
  no: '否',
  none: '(无)',
  pendingNote: '确认签名之后才能修改这些信息。',
  consentHeading: '公开显示',
  consentLabel: '同意公开显示我的姓名和单位',
  updatesHeading: '进展邮件',
  detailsHeading: '更正姓名和单位',
  detailsHint: '只有你的邮箱能打开这个页面,所以只有你能更正这些信息。',
  save: '保存',
  saved: '已保存。',
  receiptHeading: '收据',
  receiptHint: '收据证明你的签名已计入公开日志。',
  receiptButton: '下载收据',
  dataHeading: '我的数据',
  dataHint: '我们保存的关于这个签名的全部信息,JSON 格式。',
  dataButton: '下载我的数据',
  withdrawHeading: '撤回签名',
  withdrawHint: '撤回后,你的签名不再计入总数,你的姓名、邮箱和单位将被删除。',
  withdrawButton: '撤回签名',
  errorSummary: '请修改以下问题',
  unsubscribeTitle: '退订进展邮件',
  unsubscribeBody: '不再接收倡议“{title}”的进展邮件?你的签名保持不变。',
  unsubscribeButton: '退订',
  unsubscribedTitle: '已退订',
  unsubscribedBody: '你不会再收到本倡议的进展邮件。你的签名保持不变。',
};

const zhHant: ManageWords = {
  optIn: { label: '透過郵件告訴我本倡議的進展', hint: '組織者偶爾發佈的進展和里程碑。每封郵件都可一鍵退訂。' },
  mail: {
    updatesOn: '你選擇了透過郵件接收本倡議的進展。',
    updatesOff: '你不會收到本倡議的進展郵件。',
    manageIntro: '在你自己的頁面上查看我們保存的資訊、修改或撤回簽名:',
    manageLink: '管理我的簽名',
    updateIntro: '你簽署的倡議「{title}」有新的進展:',
    milestoneIntro: '你簽署的倡議「{title}」達到了一個里程碑:',
    updateWhy: '你簽名時選擇了接收進展郵件,所以收到這封郵件。',
    unsubscribeLink: '退訂進展郵件',
  },
  title: '我的簽名',
  pledge: '倡議:{title}',
  address: '郵箱:{address}',
  recorded: '我們保存的資訊',
  states: { pending: '尚未確認:請使用我們發給你的郵件中的連結確認。', confirmed: '已確認。' },
  labels: {
    name: '姓名',
    affiliation: '工作單位',
    title: '職稱或職務',
    orcid: 'ORCID iD',
    field: '學科領域',
    region: '所在地區',
    public: '公開顯示姓名和單位',
    updates: '接收進展郵件',
  },
  yes: '是',
  no: '否',
  none: '(無)',
  pendingNote: '確認簽名之後才能修改這些資訊。',
  consentHeading: '公開顯示',
  consentLabel: '同意公開顯示我的姓名和單位',
  updatesHeading: '進展郵件',
  detailsHeading: '更正姓名和單位',
  detailsHint: '只有你的郵箱能打開這個頁面,所以只有你能更正這些資訊。',
  save: '保存',
  saved: '已保存。',
  receiptHeading: '收據',
  receiptHint: '收據證明你的簽名已計入公開日誌。',
  receiptButton: '下載收據',
  dataHeading: '我的資料',
  dataHint: '我們保存的關於這個簽名的全部資訊,JSON 格式。',
  dataButton: '下載我的資料',
  withdrawHeading: '撤回簽名',
  withdrawHint: '撤回後,你的簽名不再計入總數,你的姓名、郵箱和單位將被刪除。',
  withdrawButton: '撤回簽名',
  errorSummary: '請修改以下問題',
  unsubscribeTitle: '退訂進展郵件',
  unsubscribeBody: '不再接收倡議「{title}」的進展郵件?你的簽名保持不變。',
  unsubscribeButton: '退訂',
  unsubscribedTitle: '已退訂',
  unsubscribedBody: '你不會再收到本倡議的進展郵件。你的簽名保持不變。',
};

const en: ManageWords = {
  optIn: { label: 'Email me about this pledge', hint: 'Occasional updates from the organisers, and milestones. Every mail has a one-click unsubscribe.' },
  mail: {
    updatesOn: 'You asked for updates about this pledge by email.',
    updatesOff: 'You will get no updates about this pledge by email.',
    manageIntro: 'See what we hold about you, change it or withdraw, on your own page:',
    manageLink: 'Manage my signature',
    updateIntro: 'An update on the pledge “{title}”, which you signed:',
    milestoneIntro: 'The pledge “{title}”, which you signed, reached a milestone:',
    updateWhy: 'You get this because you asked for updates when you signed.',
    unsubscribeLink: 'Unsubscribe from updates',
  },
  title: 'Your signature',
  pledge: 'Pledge: {title}',
  address: 'Email: {address}',
  recorded: 'What we hold',
  states: { pending: 'Not confirmed yet: confirm it with the link in the mail we sent you.', confirmed: 'Confirmed.' },
  labels: {
    name: 'Name',
    affiliation: 'Affiliation',
    title: 'Title or position',
    orcid: 'ORCID iD',
    field: 'Field',
    region: 'Region',
    public: 'Name and affiliation listed publicly',
    updates: 'Updates by email',
  },
  yes: 'Yes',
  no: 'No',
  none: '(none)',
  pendingNote: 'You can change these once your signature is confirmed.',
  consentHeading: 'Public listing',
  consentLabel: 'List my name and affiliation publicly',
  updatesHeading: 'Updates by email',
  detailsHeading: 'Correct your name and affiliation',
  detailsHint: 'Only your mailbox opens this page, so only you can correct these.',
  save: 'Save',
  saved: 'Saved.',
  receiptHeading: 'Receipt',
  receiptHint: 'The receipt proves that your signature is counted in the public log.',
  receiptButton: 'Download the receipt',
  dataHeading: 'My data',
  dataHint: 'Everything we hold about this signature, as JSON.',
  dataButton: 'Download my data',
  withdrawHeading: 'Withdraw',
  withdrawHint: 'Withdrawn, your signature no longer counts, and your name, email and affiliation are erased.',
  withdrawButton: 'Withdraw my signature',
  errorSummary: 'There is a problem',
  unsubscribeTitle: 'Unsubscribe from updates',
  unsubscribeBody: 'Stop mails with updates about “{title}”? Your signature stays as it is.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedTitle: 'Unsubscribed',
  unsubscribedBody: 'You will get no more updates about this pledge. Your signature stays as it is.',
};

const WORDS: Record<Lang, ManageWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function manageWords(lang: Lang): ManageWords {
  return WORDS[lang];
}
