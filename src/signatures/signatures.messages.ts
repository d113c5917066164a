import { translateFieldCodes } from '../platform/i18n/fields.ts';
import type { Lang } from '../platform/i18n/lang.ts';

// Words of the sign form, its pages and its mails, in the three languages.
type SignWords = {
  heading: string;
  intro: string;
  labels: Record<'name' | 'email' | 'affiliation' | 'field' | 'region' | 'title' | 'orcid' | 'public', string>;
  hints: Partial<Record<'email' | 'affiliation' | 'title' | 'orcid' | 'public' | 'region', string>>;
  fields: Record<'science' | 'engineering' | 'agriculture' | 'medicine' | 'interdisciplinary' | 'other', string>;
  choose: string;
  china: string;
  world: string;
  optional: string;
  submit: string;
  errorSummary: string;
  errors: Record<string, Record<string, string>>;
  genericError: string;
  checkEmailTitle: string;
  checkEmailBody: string;
  checkEmailSentTo: string;
  checkEmailNext: string;
  wrongAddress: string;
  resendHeading: string;
  resendIntro: string;
  resendButton: string;
  resentNotice: string;
  contextPledge: string;
  contextSigner: string;
  confirmTitle: string;
  confirmBody: string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedBody: string;
  alreadyConfirmed: string;
  withdrawHint: string;
  withdrawLink: string;
  invalidLinkTitle: string;
  invalidLinkBody: string;
  expiredLinkBody: string;
  withdrawTitle: string;
  withdrawBody: string;
  withdrawButton: string;
  withdrawnTitle: string;
  withdrawnBody: string;
  tooManyTitle: string;
  tooManyBody: string;
  mail: {
    confirmSubject: string;
    confirmIntro: string;
    confirmAction: string;
    confirmExpiry: string;
    remindSubject: string;
    remindIntro: string;
    withdrawAction: string;
    ignore: string;
    detailsIntro: string;
    detailName: string;
    detailAffiliation: string;
    detailTitle: string;
    listedPublic: string;
    listedPrivate: string;
    notYourDetails: string;
    remindUnchanged: string;
  };
};

const zhHans: SignWords = {
  heading: '签名支持本倡议',
  intro: '签名需经邮件确认后才会计入总数。你的邮箱地址不会公开。',
  labels: {
    name: '姓名',
    email: '电子邮箱',
    affiliation: '工作单位',
    field: '学科领域',
    region: '所在地区',
    title: '职称或职务（选填）',
    orcid: 'ORCID iD（选填）',
    public: '同意公开显示我的姓名和单位',
  },
  hints: {
    email: '我们会发送一封确认邮件。每个邮箱只能签名一次。',
    affiliation: '例如：某某大学物理学院',
    orcid: '格式如 0000-0002-1825-0097，由你自行填报，我们只核对格式。',
    public: '不勾选时，只计入总数，不公开姓名。',
  },
  fields: { science: '理科', engineering: '工科', agriculture: '农科', medicine: '医科', interdisciplinary: '交叉学科', other: '其他' },
  choose: '请选择',
  china: '中国',
  world: '其他国家和地区',
  optional: '选填',
  submit: '签名',
  errorSummary: '请修改以下问题',
  errors: {
    name: {
      required: '请填写姓名',
      tooLong: '姓名不能超过 100 个字符',
      invalidCharacters: '姓名含有无法使用的字符',
      link: '姓名不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    email: { required: '请填写电子邮箱', invalid: '请填写有效的电子邮箱，例如 name@example.com', quoted: '邮箱地址中不能有引号（"），请填写不带引号的地址' },
    affiliation: {
      required: '请填写工作单位',
      tooLong: '工作单位不能超过 200 个字符',
      invalidCharacters: '工作单位含有无法使用的字符',
      link: '工作单位不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    field: { required: '请选择学科领域', invalid: '请选择学科领域' },
    region: { required: '请选择所在地区', invalid: '请选择所在地区' },
    title: {
      tooLong: '职称或职务不能超过 100 个字符',
      invalidCharacters: '职称或职务含有无法使用的字符',
      link: '职称或职务不能包含网址或域名（例如 example.com）；英文缩写的句点后请加空格',
    },
    orcid: {
      checksum: 'ORCID iD 格式或校验位不正确，例如 0000-0002-1825-0097',
      invalid: 'ORCID iD 格式不正确',
      proofExpired: 'ORCID 登录已过期或无效，请重新用 ORCID 登录，或清空 ORCID iD 后用邮箱签名',
      orcidTaken: '这个 ORCID iD 已经通过 ORCID 登录为本倡议签过名，不能再次使用',
    },
    version: { invalid: '倡议文本版本无效，请刷新页面后重试', unknownVersion: '倡议文本已更新，请刷新页面后重试' },
    turnstileToken: { invalid: '人机验证未通过，请重试', required: '请完成人机验证' },
  },
  genericError: '此项填写有误',
  checkEmailTitle: '请查收确认邮件',
  checkEmailBody: '我们已向你填写的邮箱发送了一封确认邮件。点击邮件中的链接并确认后，你的签名才会计入总数。链接 7 天内有效。如果没有收到，请检查垃圾邮件，或稍后重新提交。',
  checkEmailSentTo: '我们已向 {email} 发送了一封确认邮件。',
  checkEmailNext: '点击邮件中的链接并确认后，你的签名才会计入总数。链接 7 天内有效。如果没有收到，请先检查垃圾邮件。',
  wrongAddress: '地址填错了？回到表单重新填写',
  resendHeading: '没有收到邮件？',
  resendIntro: '可以再发送一次。为防止滥用，每个邮箱收到的邮件数量有上限。',
  resendButton: '重新发送确认邮件',
  resentNotice: '已重新发送。如果仍然没有收到，请检查地址是否正确，并查看垃圾邮件。',
  contextPledge: '倡议',
  contextSigner: '签名人',
  confirmTitle: '确认签名',
  confirmBody: '点击下面的按钮，确认你的签名。',
  confirmButton: '确认签名',
  confirmedTitle: '感谢你的签名',
  confirmedBody: '你的签名已确认，并已计入总数。',
  alreadyConfirmed: '这个签名此前已经确认过，不会重复计数。',
  withdrawHint: '如果改变主意，你可以随时通过下面的私人链接撤回签名。请勿转发。',
  withdrawLink: '撤回我的签名',
  invalidLinkTitle: '链接无效',
  invalidLinkBody:
    '这个链接无效或已经使用过。如果你没有撤回签名，它仍然计入总数：如需撤回，请使用我们发给你的任一邮件中的撤回链接，或用同一邮箱重新提交表单，我们会给你发送新的链接。',
  expiredLinkBody: '这个确认链接已过期（有效期 7 天）。请重新提交签名，我们会再发一封确认邮件。',
  withdrawTitle: '撤回签名',
  withdrawBody: '撤回后，你的签名将不再计入总数，你的个人信息将被删除。',
  withdrawButton: '撤回签名',
  withdrawnTitle: '签名已撤回',
  withdrawnBody: '你的签名已撤回，总数已更新，你的个人信息已删除。',
  tooManyTitle: '请求过于频繁',
  tooManyBody: '短时间内来自你的网络的提交太多了。请稍等片刻再试。',
  mail: {
    confirmSubject: '请确认你对倡议的签名',
    confirmIntro: '感谢你签名支持《{title}》。请打开下面的链接确认签名：',
    confirmAction: '确认签名',
    confirmExpiry: '链接 7 天内有效。确认后，签名才会计入总数。',
    remindSubject: '你已经签过名了',
    remindIntro: '有人（可能是你）用这个邮箱再次提交了对《{title}》的签名。你的签名已经确认，无需重复签名。',
    withdrawAction: '如需撤回签名，请打开这个私人链接（请勿转发）：',
    ignore: '如果这不是你本人的操作，请忽略这封邮件。',
    detailsIntro: '这个链接确认的是以下信息：',
    detailName: '姓名：{name}',
    detailAffiliation: '工作单位：{affiliation}',
    detailTitle: '职称或职务：{title}',
    listedPublic: '公开显示：是（你的姓名和单位会显示在倡议页面上）',
    listedPrivate: '公开显示：否（只计入总数，不显示姓名）',
    notYourDetails: '如果这些不是你填写的信息，请不要确认。请用你自己的信息重新提交，我们会为新信息发送新的链接；这个链接仍然只会确认上面的信息。',
    remindUnchanged: '没有任何改动：你的签名、你确认过的信息和是否公开的选择都保持不变。我们以前发给你的链接仍然有效。',
  },
};

const zhHant: SignWords = {
  heading: '簽名支持本倡議',
  intro: '簽名需經郵件確認後才會計入總數。你的電子郵件地址不會公開。',
  labels: {
    name: '姓名',
    email: '電子郵件',
    affiliation: '工作單位',
    field: '學科領域',
    region: '所在地區',
    title: '職稱或職務（選填）',
    orcid: 'ORCID iD（選填）',
    public: '同意公開顯示我的姓名和單位',
  },
  hints: {
    email: '我們會寄送一封確認郵件。每個電子郵件只能簽名一次。',
    affiliation: '例如：某某大學物理學院',
    orcid: '格式如 0000-0002-1825-0097，由你自行填報，我們只核對格式。',
    public: '不勾選時，只計入總數，不公開姓名。',
  },
  fields: { science: '理科', engineering: '工科', agriculture: '農科', medicine: '醫科', interdisciplinary: '交叉學科', other: '其他' },
  choose: '請選擇',
  china: '中國',
  world: '其他國家和地區',
  optional: '選填',
  submit: '簽名',
  errorSummary: '請修改以下問題',
  errors: {
    name: {
      required: '請填寫姓名',
      tooLong: '姓名不能超過 100 個字元',
      invalidCharacters: '姓名含有無法使用的字元',
      link: '姓名不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    email: { required: '請填寫電子郵件', invalid: '請填寫有效的電子郵件，例如 name@example.com', quoted: '電子郵件地址中不能有引號（"），請填寫不帶引號的地址' },
    affiliation: {
      required: '請填寫工作單位',
      tooLong: '工作單位不能超過 200 個字元',
      invalidCharacters: '工作單位含有無法使用的字元',
      link: '工作單位不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    field: { required: '請選擇學科領域', invalid: '請選擇學科領域' },
    region: { required: '請選擇所在地區', invalid: '請選擇所在地區' },
    title: {
      tooLong: '職稱或職務不能超過 100 個字元',
      invalidCharacters: '職稱或職務含有無法使用的字元',
      link: '職稱或職務不能包含網址或網域名稱（例如 example.com）；英文縮寫的句點後請加空格',
    },
    orcid: {
      checksum: 'ORCID iD 格式或檢查碼不正確，例如 0000-0002-1825-0097',
      invalid: 'ORCID iD 格式不正確',
      proofExpired: 'ORCID 登入已過期或無效，請重新用 ORCID 登入，或清空 ORCID iD 後用電子郵件簽名',
      orcidTaken: '這個 ORCID iD 已經透過 ORCID 登入為本倡議簽過名，不能再次使用',
    },
    version: { invalid: '倡議文本版本無效，請重新整理頁面後再試', unknownVersion: '倡議文本已更新，請重新整理頁面後再試' },
    turnstileToken: { invalid: '人機驗證未通過，請重試', required: '請完成人機驗證' },
  },
  genericError: '此項填寫有誤',
  checkEmailTitle: '請查收確認郵件',
  checkEmailBody: '我們已向你填寫的電子郵件寄送了一封確認郵件。點擊郵件中的連結並確認後，你的簽名才會計入總數。連結 7 天內有效。如果沒有收到，請檢查垃圾郵件，或稍後重新提交。',
  checkEmailSentTo: '我們已向 {email} 寄送了一封確認郵件。',
  checkEmailNext: '點擊郵件中的連結並確認後，你的簽名才會計入總數。連結 7 天內有效。如果沒有收到，請先檢查垃圾郵件。',
  wrongAddress: '地址填錯了？回到表單重新填寫',
  resendHeading: '沒有收到郵件？',
  resendIntro: '可以再寄送一次。為防止濫用，每個電子郵件收到的郵件數量有上限。',
  resendButton: '重新寄送確認郵件',
  resentNotice: '已重新寄送。如果仍然沒有收到，請檢查地址是否正確，並查看垃圾郵件。',
  contextPledge: '倡議',
  contextSigner: '簽名人',
  confirmTitle: '確認簽名',
  confirmBody: '點擊下面的按鈕，確認你的簽名。',
  confirmButton: '確認簽名',
  confirmedTitle: '感謝你的簽名',
  confirmedBody: '你的簽名已確認，並已計入總數。',
  alreadyConfirmed: '這個簽名此前已經確認過，不會重複計數。',
  withdrawHint: '如果改變主意，你可以隨時透過下面的私人連結撤回簽名。請勿轉寄。',
  withdrawLink: '撤回我的簽名',
  invalidLinkTitle: '連結無效',
  invalidLinkBody:
    '這個連結無效或已經使用過。如果你沒有撤回簽名，它仍然計入總數：如需撤回，請使用我們寄給你的任一郵件中的撤回連結，或用同一電子郵件重新提交表單，我們會寄給你新的連結。',
  expiredLinkBody: '這個確認連結已過期（有效期 7 天）。請重新提交簽名，我們會再寄一封確認郵件。',
  withdrawTitle: '撤回簽名',
  withdrawBody: '撤回後，你的簽名將不再計入總數，你的個人資料將被刪除。',
  withdrawButton: '撤回簽名',
  withdrawnTitle: '簽名已撤回',
  withdrawnBody: '你的簽名已撤回，總數已更新，你的個人資料已刪除。',
  tooManyTitle: '請求過於頻繁',
  tooManyBody: '短時間內來自你的網路的提交太多了。請稍候再試。',
  mail: {
    confirmSubject: '請確認你對倡議的簽名',
    confirmIntro: '感謝你簽名支持「{title}」。請開啟下面的連結確認簽名：',
    confirmAction: '確認簽名',
    confirmExpiry: '連結 7 天內有效。確認後，簽名才會計入總數。',
    remindSubject: '你已經簽過名了',
    remindIntro: '有人（可能是你）用這個電子郵件再次提交了對「{title}」的簽名。你的簽名已經確認，無需重複簽名。',
    withdrawAction: '如需撤回簽名，請開啟這個私人連結（請勿轉寄）：',
    ignore: '如果這不是你本人的操作，請忽略這封郵件。',
    detailsIntro: '這個連結確認的是以下資料：',
    detailName: '姓名：{name}',
    detailAffiliation: '工作單位：{affiliation}',
    detailTitle: '職稱或職務：{title}',
    listedPublic: '公開顯示：是（你的姓名和單位會顯示在倡議頁面上）',
    listedPrivate: '公開顯示：否（只計入總數，不顯示姓名）',
    notYourDetails: '如果這些不是你填寫的資料，請不要確認。請用你自己的資料重新提交，我們會為新資料寄送新的連結；這個連結仍然只會確認上面的資料。',
    remindUnchanged: '沒有任何變動：你的簽名、你確認過的資料和是否公開的選擇都保持不變。我們以前寄給你的連結仍然有效。',
  },
};

const en: SignWords = {
  heading: 'Sign this pledge',
  intro: 'Your signature counts once you confirm it from your email. Your email address is never shown.',
  labels: {
    name: 'Full name',
    email: 'Email address',
    affiliation: 'Institution or employer',
    field: 'Field',
    region: 'Where you work',
    title: 'Title or position (optional)',
    orcid: 'ORCID iD (optional)',
    public: 'Show my name and institution publicly',
  },
  hints: {
    email: 'We will send you a confirmation email. One signature per email address.',
    affiliation: 'For example: School of Physics, Example University',
    orcid: 'Like 0000-0002-1825-0097. Self-reported: we only check its format.',
    public: 'If unticked, you are counted but your name is not shown.',
  },
  fields: { science: 'Science', engineering: 'Engineering', agriculture: 'Agriculture', medicine: 'Medicine', interdisciplinary: 'Interdisciplinary', other: 'Other' },
  choose: 'Choose',
  china: 'China',
  world: 'Other countries and regions',
  optional: 'optional',
  submit: 'Sign',
  errorSummary: 'There is a problem',
  errors: {
    name: {
      required: 'Enter your full name',
      tooLong: 'Name must be 100 characters or fewer',
      invalidCharacters: 'Name contains characters we cannot accept',
      link: 'Your name must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    email: {
      required: 'Enter your email address',
      invalid: 'Enter an email address in the correct format, like name@example.com',
      quoted: 'Enter the address without quotation marks ("), like name@example.com',
    },
    affiliation: {
      required: 'Enter your institution or employer',
      tooLong: 'Institution must be 200 characters or fewer',
      invalidCharacters: 'Institution contains characters we cannot accept',
      link: 'Your institution must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    field: { required: 'Select your field', invalid: 'Select your field' },
    region: { required: 'Select where you work', invalid: 'Select where you work' },
    title: {
      tooLong: 'Title must be 100 characters or fewer',
      invalidCharacters: 'Title contains characters we cannot accept',
      link: 'Your title must not contain a web address or domain name (such as example.com); put a space after a full stop',
    },
    orcid: {
      checksum: 'Enter a valid ORCID iD, like 0000-0002-1825-0097 (the last character is a check digit)',
      invalid: 'Enter a valid ORCID iD',
      proofExpired: 'Your ORCID sign-in has expired or is not valid: sign in with ORCID again, or clear the ORCID iD and sign with your email',
      orcidTaken: 'This ORCID iD has already signed this pledge through ORCID sign-in; it cannot be used again',
    },
    version: { invalid: 'The pledge text version is not valid; reload the page and try again', unknownVersion: 'The pledge text has changed; reload the page and try again' },
    turnstileToken: { invalid: 'The human check failed; try again', required: 'Complete the human check' },
  },
  genericError: 'This value is not valid',
  checkEmailTitle: 'Check your email',
  checkEmailBody:
    'We have sent a confirmation email to the address you gave. Your signature counts once you open the link in it and confirm. The link works for 7 days. If it does not arrive, check your spam folder or submit the form again later.',
  checkEmailSentTo: 'We have sent a confirmation email to {email}.',
  checkEmailNext: 'Your signature counts once you open the link in it and confirm. The link works for 7 days. If it does not arrive, check your spam folder first.',
  wrongAddress: 'Wrong address? Go back to the form and correct it',
  resendHeading: 'No email?',
  resendIntro: 'We can send it again. To prevent abuse, each address receives a limited number of emails.',
  resendButton: 'Send the confirmation email again',
  resentNotice: 'Sent again. If it still does not arrive, check that the address is right and look in your spam folder.',
  contextPledge: 'Pledge',
  contextSigner: 'Signed by',
  confirmTitle: 'Confirm your signature',
  confirmBody: 'Press the button to confirm your signature.',
  confirmButton: 'Confirm my signature',
  confirmedTitle: 'Thank you for signing',
  confirmedBody: 'Your signature is confirmed and counted.',
  alreadyConfirmed: 'This signature was already confirmed; it is counted once.',
  withdrawHint: 'If you change your mind, you can withdraw your signature at any time with this private link. Do not share it.',
  withdrawLink: 'Withdraw my signature',
  invalidLinkTitle: 'This link is not valid',
  invalidLinkBody:
    'This link is not valid or has already been used. If you have not withdrawn your signature, it still counts: to withdraw it, use the withdraw link in any email we sent you, or submit the form again with the same address and we will email you a new link.',
  expiredLinkBody: 'This confirmation link has expired (links work for 7 days). Submit the form again and we will send a new one.',
  withdrawTitle: 'Withdraw your signature',
  withdrawBody: 'Once withdrawn, your signature no longer counts and your personal data is erased.',
  withdrawButton: 'Withdraw my signature',
  withdrawnTitle: 'Your signature is withdrawn',
  withdrawnBody: 'Your signature has been withdrawn, the total is updated and your personal data is erased.',
  tooManyTitle: 'Too many requests',
  tooManyBody: 'There have been too many submissions from your network in a short time. Please wait a moment and try again.',
  mail: {
    confirmSubject: 'Please confirm your signature',
    confirmIntro: 'Thank you for signing “{title}”. Open this link to confirm your signature:',
    confirmAction: 'Confirm my signature',
    confirmExpiry: 'The link works for 7 days. Your signature counts once confirmed.',
    remindSubject: 'You have already signed',
    remindIntro: 'Someone, probably you, submitted a signature for “{title}” with this email address again. Your signature is already confirmed; there is no need to sign twice.',
    withdrawAction: 'To withdraw your signature, open this private link (do not share it):',
    ignore: 'If this was not you, you can ignore this email.',
    detailsIntro: 'This link confirms exactly these details:',
    detailName: 'Name: {name}',
    detailAffiliation: 'Institution: {affiliation}',
    detailTitle: 'Title: {title}',
    listedPublic: 'Listed publicly: yes (your name and institution are shown on the pledge page)',
    listedPrivate: 'Listed publicly: no (you are counted; your name is not shown)',
    notYourDetails:
      'If these are not the details you entered, do not confirm. Submit the form again with your own details and we will send a new link for them; this link still confirms only the details above.',
    remindUnchanged:
      'Nothing has changed: your signature, the details you confirmed and your choice about being listed stay as they are. Every link we sent you before still works.',
  },
};

const WORDS: Record<Lang, SignWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function signWords(lang: Lang): SignWords {
  return WORDS[lang];
}

// Field error codes -> messages in the visitor's language.
export function fieldMessages(lang: Lang, codes: Record<string, string>): Record<string, string> {
  return translateFieldCodes(WORDS[lang].errors, WORDS[lang].genericError, codes);
}
