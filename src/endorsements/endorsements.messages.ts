import { translateFieldCodes } from '../platform/i18n/fields.ts';
import type { Lang } from '../platform/i18n/lang.ts';

// Words of the endorse form, its pages and its mails, in the three languages.
type Field = 'name' | 'nameEn' | 'website' | 'category' | 'contactName' | 'contactRole' | 'email' | 'statement';

type EndorseWords = {
  link: string;
  contextPledge: string;
  contextSociety: string;
  heading: string;
  intro: string;
  labels: Record<Field, string>;
  hints: Partial<Record<Field, string>>;
  submit: string;
  errors: Record<string, Record<string, string>>;
  checkEmailTitle: string;
  checkEmailBody: string;
  confirmTitle: string;
  confirmBody: string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedBody: string;
  invalidLinkBody: string;
  expiredLinkBody: string;
  mail: {
    confirmSubject: string;
    confirmIntro: string;
    confirmExpiry: string;
    verifiedSubject: string;
    verifiedBody: string;
    rejectedSubject: string;
    rejectedBody: string;
    reason: string;
  };
};

const zhHans: EndorseWords = {
  link: '以学会名义联署',
  contextPledge: '倡议',
  contextSociety: '学会',
  heading: '以学会名义联合倡议',
  intro: '学会联系人提交后，需先通过邮件确认，再由组织方核实，核实后学会名称将公开列出并计入总数。联系人的邮箱不会公开。',
  labels: {
    name: '学会名称',
    nameEn: '英文名称（选填）',
    website: '学会网站',
    category: '学科类别',
    contactName: '联系人姓名',
    contactRole: '联系人职务',
    email: '联系人的工作邮箱',
    statement: '联合倡议声明（选填）',
  },
  hints: {
    name: '中文（简体或繁体）或英文全称',
    website: '例如 www.example.org.cn',
    email: '请使用学会或单位的邮箱，便于核实。我们会发送一封确认邮件。',
  },
  submit: '提交联合倡议',
  errors: {
    name: {
      required: '请填写学会名称',
      tooLong: '学会名称不能超过 200 个字符',
      invalidCharacters: '学会名称含有无法使用的字符',
      alreadyEndorsing: '该学会已经联合倡议本倡议',
      alreadySubmitted: '该学会的联合倡议已提交，正在等待确认或核实',
      link: '学会名称不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    nameEn: {
      tooLong: '英文名称不能超过 200 个字符',
      invalidCharacters: '英文名称含有无法使用的字符',
      notEnglish: '英文名称请使用英文',
      link: '英文名称不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    website: {
      required: '请填写学会网站',
      invalid: '请填写有效的网址，例如 www.example.org.cn',
      alreadyEndorsing: '使用该网站的学会已经联合倡议本倡议',
      alreadySubmitted: '使用该网站的学会已提交联合倡议，正在等待确认或核实',
    },
    category: { required: '请选择学科类别', invalid: '请选择学科类别' },
    contactName: {
      required: '请填写联系人姓名',
      tooLong: '联系人姓名不能超过 100 个字符',
      invalidCharacters: '联系人姓名含有无法使用的字符',
      link: '联系人姓名不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    contactRole: {
      required: '请填写联系人职务',
      tooLong: '联系人职务不能超过 100 个字符',
      invalidCharacters: '联系人职务含有无法使用的字符',
      link: '联系人职务不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    email: { required: '请填写联系人的工作邮箱', invalid: '请填写有效的电子邮箱，例如 name@example.org.cn', quoted: '邮箱地址中不能有引号（"），请填写不带引号的地址' },
    statement: { tooLong: '声明不能超过 2000 个字符', invalidCharacters: '声明含有无法使用的字符' },
    turnstileToken: { invalid: '人机验证未通过，请重试', required: '请完成人机验证' },
  },
  checkEmailTitle: '请查收确认邮件',
  checkEmailBody: '我们已向联系人邮箱发送了一封确认邮件。确认后，组织方将核实学会信息；核实通过后，学会名称会出现在倡议页面上。链接 7 天内有效。',
  confirmTitle: '确认联合倡议',
  confirmBody: '点击下面的按钮，确认以学会名义联合倡议。确认后将由组织方核实。',
  confirmButton: '确认联合倡议',
  confirmedTitle: '已确认，等待核实',
  confirmedBody: '感谢确认。组织方核实学会信息后，会通过邮件通知你结果。',
  invalidLinkBody: '这个链接无效或已经使用过。',
  expiredLinkBody: '这个确认链接已过期（有效期 7 天）。请重新提交联合倡议。',
  mail: {
    confirmSubject: '请确认学会联合倡议',
    confirmIntro: '你以“{society}”的名义提交了对《{title}》的联合倡议。请打开下面的链接确认：',
    confirmExpiry: '链接 7 天内有效。确认后，组织方将核实学会信息。如果这不是你本人的操作，请忽略这封邮件。',
    verifiedSubject: '学会联合倡议已核实',
    verifiedBody: '“{society}”对《{title}》的联合倡议已经核实，学会名称现已公开列出。感谢支持！',
    rejectedSubject: '学会联合倡议未能通过核实',
    rejectedBody: '很抱歉，“{society}”对《{title}》的联合倡议未能通过核实。',
    reason: '原因：{reason}',
  },
};

const zhHant: EndorseWords = {
  link: '以學會名義聯署',
  contextPledge: '倡議',
  contextSociety: '學會',
  heading: '以學會名義聯合倡議',
  intro: '學會聯絡人提交後，需先透過郵件確認，再由主辦方核實，核實後學會名稱將公開列出並計入總數。聯絡人的電子郵件不會公開。',
  labels: {
    name: '學會名稱',
    nameEn: '英文名稱（選填）',
    website: '學會網站',
    category: '學科類別',
    contactName: '聯絡人姓名',
    contactRole: '聯絡人職務',
    email: '聯絡人的工作電子郵件',
    statement: '聯合倡議聲明（選填）',
  },
  hints: {
    name: '中文（簡體或繁體）或英文全稱',
    website: '例如 www.example.org.cn',
    email: '請使用學會或單位的電子郵件，以便核實。我們會寄送一封確認郵件。',
  },
  submit: '提交聯合倡議',
  errors: {
    name: {
      required: '請填寫學會名稱',
      tooLong: '學會名稱不能超過 200 個字元',
      invalidCharacters: '學會名稱含有無法使用的字元',
      alreadyEndorsing: '該學會已經聯合倡議本倡議',
      alreadySubmitted: '該學會的聯合倡議已提交，正在等待確認或核實',
      link: '學會名稱不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    nameEn: {
      tooLong: '英文名稱不能超過 200 個字元',
      invalidCharacters: '英文名稱含有無法使用的字元',
      notEnglish: '英文名稱請使用英文',
      link: '英文名稱不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    website: {
      required: '請填寫學會網站',
      invalid: '請填寫有效的網址，例如 www.example.org.cn',
      alreadyEndorsing: '使用該網站的學會已經聯合倡議本倡議',
      alreadySubmitted: '使用該網站的學會已提交聯合倡議，正在等待確認或核實',
    },
    category: { required: '請選擇學科類別', invalid: '請選擇學科類別' },
    contactName: {
      required: '請填寫聯絡人姓名',
      tooLong: '聯絡人姓名不能超過 100 個字元',
      invalidCharacters: '聯絡人姓名含有無法使用的字元',
      link: '聯絡人姓名不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    contactRole: {
      required: '請填寫聯絡人職務',
      tooLong: '聯絡人職務不能超過 100 個字元',
      invalidCharacters: '聯絡人職務含有無法使用的字元',
      link: '聯絡人職務不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    email: { required: '請填寫聯絡人的工作電子郵件', invalid: '請填寫有效的電子郵件，例如 name@example.org.cn', quoted: '電子郵件地址中不能有引號（"），請填寫不帶引號的地址' },
    statement: { tooLong: '聲明不能超過 2000 個字元', invalidCharacters: '聲明含有無法使用的字元' },
    turnstileToken: { invalid: '人機驗證未通過，請重試', required: '請完成人機驗證' },
  },
  checkEmailTitle: '請查收確認郵件',
  checkEmailBody: '我們已向聯絡人電子郵件寄送了一封確認郵件。確認後，主辦方將核實學會資訊；核實通過後，學會名稱會出現在倡議頁面上。連結 7 天內有效。',
  confirmTitle: '確認聯合倡議',
  confirmBody: '點擊下面的按鈕，確認以學會名義聯合倡議。確認後將由主辦方核實。',
  confirmButton: '確認聯合倡議',
  confirmedTitle: '已確認，等待核實',
  confirmedBody: '感謝確認。主辦方核實學會資訊後，會透過郵件通知你結果。',
  invalidLinkBody: '這個連結無效或已經使用過。',
  expiredLinkBody: '這個確認連結已過期（有效期 7 天）。請重新提交聯合倡議。',
  mail: {
    confirmSubject: '請確認學會聯合倡議',
    confirmIntro: '你以「{society}」的名義提交了對「{title}」的聯合倡議。請打開下面的連結確認：',
    confirmExpiry: '連結 7 天內有效。確認後，主辦方將核實學會資訊。如果這不是你本人的操作，請忽略這封郵件。',
    verifiedSubject: '學會聯合倡議已核實',
    verifiedBody: '「{society}」對「{title}」的聯合倡議已經核實，學會名稱現已公開列出。感謝支持！',
    rejectedSubject: '學會聯合倡議未能通過核實',
    rejectedBody: '很抱歉，「{society}」對「{title}」的聯合倡議未能通過核實。',
    reason: '原因：{reason}',
  },
};

const en: EndorseWords = {
  link: 'Co-sign as a society',
  contextPledge: 'Pledge',
  contextSociety: 'Society',
  heading: 'Co-sign on behalf of a society',
  intro:
    'After you submit, the contact person confirms by email and the organisers verify the society; once verified, its name is listed and counted. The contact’s email address is never published.',
  labels: {
    name: 'Society name',
    nameEn: 'English name (optional)',
    website: 'Society website',
    category: 'Discipline',
    contactName: 'Contact person',
    contactRole: 'Contact’s role',
    email: 'Contact’s work email',
    statement: 'Statement (optional)',
  },
  hints: {
    name: 'Full name in Chinese (Simplified or Traditional) or English',
    website: 'For example www.example.org',
    email: 'Use the society’s or institution’s address so we can verify it. We will send a confirmation email.',
  },
  submit: 'Submit co-signature',
  errors: {
    name: {
      required: 'Enter the society’s name',
      tooLong: 'The name must be 200 characters or fewer',
      invalidCharacters: 'The name contains characters that cannot be used',
      alreadyEndorsing: 'This society already co-signs this pledge',
      alreadySubmitted: 'A co-signature from this society has already been submitted and is awaiting confirmation or verification',
      link: 'The society’s name must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    nameEn: {
      tooLong: 'The English name must be 200 characters or fewer',
      invalidCharacters: 'The English name contains characters that cannot be used',
      notEnglish: 'Write the English name in English',
      link: 'The English name must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    website: {
      required: 'Enter the society’s website',
      invalid: 'Enter a valid web address, like www.example.org',
      alreadyEndorsing: 'The society with this website already co-signs this pledge',
      alreadySubmitted: 'A co-signature from the society with this website has already been submitted and is awaiting confirmation or verification',
    },
    category: { required: 'Select a discipline', invalid: 'Select a discipline' },
    contactName: {
      required: 'Enter the contact person’s name',
      tooLong: 'The name must be 100 characters or fewer',
      invalidCharacters: 'The name contains characters that cannot be used',
      link: 'The contact’s name must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    contactRole: {
      required: 'Enter the contact person’s role',
      tooLong: 'The role must be 100 characters or fewer',
      invalidCharacters: 'The role contains characters that cannot be used',
      link: 'The contact’s role must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    email: {
      required: 'Enter the contact’s work email',
      invalid: 'Enter a valid email address, like name@example.org',
      quoted: 'Enter the address without quotation marks ("), like name@example.org',
    },
    statement: { tooLong: 'The statement must be 2000 characters or fewer', invalidCharacters: 'The statement contains characters that cannot be used' },
    turnstileToken: { invalid: 'The anti-bot check failed; try again', required: 'Complete the anti-bot check' },
  },
  checkEmailTitle: 'Check your email',
  checkEmailBody:
    'We have sent a confirmation email to the contact address. After confirmation the organisers verify the society; once verified, its name appears on the pledge page. The link works for 7 days.',
  confirmTitle: 'Confirm the co-signature',
  confirmBody: 'Press the button to confirm the co-signature on behalf of your society. The organisers will then verify it.',
  confirmButton: 'Confirm the co-signature',
  confirmedTitle: 'Confirmed, awaiting verification',
  confirmedBody: 'Thank you. The organisers will verify the society and tell you the result by email.',
  invalidLinkBody: 'This link is not valid or has already been used.',
  expiredLinkBody: 'This confirmation link has expired (links work for 7 days). Please submit the co-signature again.',
  mail: {
    confirmSubject: 'Please confirm your society’s co-signature',
    confirmIntro: 'You submitted a co-signature of “{title}” on behalf of “{society}”. Open this link to confirm it:',
    confirmExpiry: 'The link works for 7 days. After confirmation the organisers verify the society. If this was not you, ignore this email.',
    verifiedSubject: 'Your society’s co-signature is verified',
    verifiedBody: 'The co-signature of “{title}” by “{society}” is verified and the society is now listed. Thank you!',
    rejectedSubject: 'Your society’s co-signature could not be verified',
    rejectedBody: 'We are sorry: the co-signature of “{title}” by “{society}” could not be verified.',
    reason: 'Reason: {reason}',
  },
};

const WORDS: Record<Lang, EndorseWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function endorseWords(lang: Lang): EndorseWords {
  return WORDS[lang];
}

export function endorseFieldMessages(lang: Lang, codes: Record<string, string>, generic: string): Record<string, string> {
  return translateFieldCodes(WORDS[lang].errors, generic, codes);
}
