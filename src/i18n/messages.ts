import type { Lang } from './lang.ts';

// Interface strings. zh-Hans is the reference: every other language must have the same keys.
const zhHans = {
  siteName: '科技工作者倡议',
  langName: '简体中文',
  skipToContent: '跳到正文',
  language: '语言',
  totals: '当前统计',
  individuals: '位科技工作者已签名',
  societies: '家学会联合倡议',
  updated: '更新于',
  societiesHeading: '联合倡议的学会',
  founding: '发起学会',
  notFoundTitle: '找不到页面',
  notFoundBody: '没有这个倡议,或者它尚未发布。',
  backHome: '返回首页',
  errorTitle: '出错了',
  errorBody: '服务暂时不可用,请稍后再试。你填写的内容没有丢失。',
  unavailable: '服务暂时不可用,你填写的内容都还在。请稍等几秒后再提交一次。',
  forbiddenTitle: '请求被拒绝',
  forbiddenBody: '这个请求不是从本站页面提交的,因此没有处理。请回到页面重新提交。',
  badRequestTitle: '请求无效',
  badRequestBody: '无法处理这个请求。请回到页面重试。',
  footerApi: '开放数据与 API',
  footerSource: '开源代码',
  closed: '本倡议已结束征集签名。',
  notOpenYet: '本倡议尚未开始征集签名。',
} as const;

export type Messages = { readonly [K in keyof typeof zhHans]: string };

const zhHant: Messages = {
  siteName: '科技工作者倡議',
  langName: '繁體中文',
  skipToContent: '跳到正文',
  language: '語言',
  totals: '目前統計',
  individuals: '位科技工作者已簽名',
  societies: '家學會聯合倡議',
  updated: '更新於',
  societiesHeading: '聯合倡議的學會',
  founding: '發起學會',
  notFoundTitle: '找不到頁面',
  notFoundBody: '沒有這個倡議,或者它尚未發布。',
  backHome: '返回首頁',
  errorTitle: '出錯了',
  errorBody: '服務暫時無法使用,請稍後再試。你填寫的內容沒有遺失。',
  unavailable: '服務暫時無法使用,你填寫的內容都還在。請稍候幾秒後再提交一次。',
  forbiddenTitle: '請求被拒絕',
  forbiddenBody: '這個請求不是從本站頁面提交的,因此沒有處理。請回到頁面重新提交。',
  badRequestTitle: '請求無效',
  badRequestBody: '無法處理這個請求。請回到頁面重試。',
  footerApi: '開放資料與 API',
  footerSource: '開放原始碼',
  closed: '本倡議已結束徵集簽名。',
  notOpenYet: '本倡議尚未開始徵集簽名。',
};

const en: Messages = {
  siteName: 'Scientists’ Pledge',
  langName: 'English',
  skipToContent: 'Skip to content',
  language: 'Language',
  totals: 'Totals',
  individuals: 'scientists and technology workers have signed',
  societies: 'societies have co-signed',
  updated: 'Updated',
  societiesHeading: 'Co-signing societies',
  founding: 'Founding',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no such pledge, or it has not been published yet.',
  backHome: 'Back to the home page',
  errorTitle: 'Something went wrong',
  errorBody: 'The service is briefly unavailable. Please try again in a moment; nothing you entered was lost.',
  unavailable: 'The service is briefly unavailable. Everything you entered is still here; please submit again in a few seconds.',
  forbiddenTitle: 'Request refused',
  forbiddenBody: 'This request did not come from a page of this site, so it was not processed. Go back to the page and submit it again.',
  badRequestTitle: 'Bad request',
  badRequestBody: 'This request could not be processed. Go back to the page and try again.',
  footerApi: 'Open data and API',
  footerSource: 'Source code',
  closed: 'This pledge has closed and no longer takes signatures.',
  notOpenYet: 'This pledge is not open for signatures yet.',
};

const MESSAGES: Record<Lang, Messages> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}
