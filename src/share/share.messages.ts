import type { Lang } from '../platform/i18n/lang.ts';

// Words of the share links (ShareLinks.tsx, share.browser.ts) and of the thank-you page's
// call to share, in the three languages.
type ShareWords = {
  heading: string;
  thanksHeading: string;
  thanksIntro: string;
  native: string;
  copy: string;
  copied: string;
  copyFailed: string;
  weibo: string;
  x: string;
  email: string;
  // {title}, {url}
  emailBody: string;
  wechat: string;
  address: string;
  backToPledge: string;
};

const WORDS: Record<Lang, ShareWords> = {
  'zh-Hans': {
    heading: '分享本倡议',
    thanksHeading: '请同事和朋友也来签名',
    thanksIntro: '每多一个签名，倡议就多一分分量。把倡议转给同事和朋友吧。',
    native: '分享……',
    copy: '复制链接',
    copied: '链接已复制。',
    copyFailed: '无法自动复制，请选中下面的网址复制。',
    weibo: '分享到微博',
    x: '分享到 X（Twitter）',
    email: '用电子邮件发送',
    emailBody: '推荐你看看这份倡议：《{title}》\n{url}',
    wechat: '微信：用微信扫描二维码打开本页，再点右上角“…”转发给朋友或分享到朋友圈。',
    address: '本倡议的网址：',
    backToPledge: '返回倡议页面',
  },
  'zh-Hant': {
    heading: '分享本倡議',
    thanksHeading: '請同事和朋友也來簽名',
    thanksIntro: '每多一個簽名，倡議就多一分分量。把倡議轉給同事和朋友吧。',
    native: '分享……',
    copy: '複製連結',
    copied: '連結已複製。',
    copyFailed: '無法自動複製，請選取下面的網址複製。',
    weibo: '分享到微博',
    x: '分享到 X（Twitter）',
    email: '用電子郵件傳送',
    emailBody: '推薦你看看這份倡議：「{title}」\n{url}',
    wechat: '微信：用微信掃描 QR 碼開啟本頁，再點右上角「…」轉發給朋友或分享到朋友圈。',
    address: '本倡議的網址：',
    backToPledge: '返回倡議頁面',
  },
  en: {
    heading: 'Share this pledge',
    thanksHeading: 'Ask colleagues and friends to sign too',
    thanksIntro: 'Every signature gives the pledge more weight. Pass it on to your colleagues and friends.',
    native: 'Share…',
    copy: 'Copy link',
    copied: 'Link copied.',
    copyFailed: 'Could not copy the link: select the address below and copy it.',
    weibo: 'Share on Weibo',
    x: 'Share on X (Twitter)',
    email: 'Send by email',
    emailBody: 'This pledge may interest you: “{title}”\n{url}',
    wechat: 'WeChat: scan the QR code with WeChat to open this page, then tap “…” at the top right to send it to a friend or share it to Moments.',
    address: 'Address of this pledge:',
    backToPledge: 'Back to the pledge',
  },
};

export function shareWords(lang: Lang): ShareWords {
  return WORDS[lang];
}
