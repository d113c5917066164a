import type { Lang } from '../platform/i18n/lang.ts';
import type { Level } from './verification.ts';

// Words of the verification levels and the ORCID sign-in (issue 16), in three languages.
type VerificationWords = {
  levels: Record<Level, string>;
  // Longer explanations (the wall's legend, the stats page).
  explain: Record<Level, string>;
  claimed: string;
  levelCol: string;
  filterLabel: string;
  allLevels: string;
  filter: string;
  byLevel: string;
  orcidButton: string;
  orcidOr: string;
  orcidProven: string;
  orcidProvenHint: string;
  orcidStartOver: string;
  failedTitle: string;
  unavailableBody: string;
  badStateBody: string;
  codeRefusedBody: string;
  deniedBody: string;
  takenTitle: string;
  takenBody: string;
  backToForm: string;
};

const zhHans: VerificationWords = {
  levels: { email: '邮箱已确认', institution: '机构邮箱', orcid: 'ORCID 已验证' },
  explain: {
    email: '签名者确认了自己的邮箱。',
    institution: '签名者确认的邮箱属于高校或科研机构的域名。',
    orcid: '签名者通过 ORCID 登录证明了自己的 ORCID iD。',
  },
  claimed: 'ORCID iD 自行填报，未验证',
  levelCol: '验证',
  filterLabel: '按验证程度筛选',
  allLevels: '全部',
  filter: '筛选',
  byLevel: '按验证程度',
  orcidButton: '用 ORCID 登录并签名',
  orcidOr: '有 ORCID iD 的研究人员可以先用 ORCID 登录，证明自己的 iD（可选）；也可以直接填写下面的表单。',
  orcidProven: '已通过 ORCID 登录证明：{orcid}',
  orcidProvenHint: '确认邮件后，你的签名会标为“ORCID 已验证”。',
  orcidStartOver: '改用其他方式签名',
  failedTitle: 'ORCID 登录未成功',
  unavailableBody: '现在无法连接 ORCID。你仍然可以直接用邮箱签名。',
  badStateBody: '这次 ORCID 登录无法核实（可能已过期，或链接不是从本站发起的）。请重新用 ORCID 登录，或直接用邮箱签名。',
  codeRefusedBody: 'ORCID 拒绝了这次登录（登录码已使用或已过期）。请重新用 ORCID 登录，或直接用邮箱签名。',
  deniedBody: '你取消了 ORCID 登录。你仍然可以直接用邮箱签名。',
  takenTitle: '这个 ORCID iD 已签名',
  takenBody: '这个 ORCID iD 已经通过 ORCID 登录为本倡议签过名。每个 ORCID iD 只能验证一个签名。',
  backToForm: '返回签名表单',
};

const zhHant: VerificationWords = {
  levels: { email: '電子郵件已確認', institution: '機構郵件', orcid: 'ORCID 已驗證' },
  explain: {
    email: '簽名者確認了自己的電子郵件。',
    institution: '簽名者確認的電子郵件屬於大學或研究機構的網域。',
    orcid: '簽名者透過 ORCID 登入證明了自己的 ORCID iD。',
  },
  claimed: 'ORCID iD 自行填報，未驗證',
  levelCol: '驗證',
  filterLabel: '按驗證程度篩選',
  allLevels: '全部',
  filter: '篩選',
  byLevel: '按驗證程度',
  orcidButton: '用 ORCID 登入並簽名',
  orcidOr: '有 ORCID iD 的研究人員可以先用 ORCID 登入，證明自己的 iD（可選）；也可以直接填寫下面的表單。',
  orcidProven: '已透過 ORCID 登入證明：{orcid}',
  orcidProvenHint: '確認郵件後，你的簽名會標為「ORCID 已驗證」。',
  orcidStartOver: '改用其他方式簽名',
  failedTitle: 'ORCID 登入未成功',
  unavailableBody: '現在無法連線 ORCID。你仍然可以直接用電子郵件簽名。',
  badStateBody: '這次 ORCID 登入無法核實（可能已過期，或連結不是從本站發起的）。請重新用 ORCID 登入，或直接用電子郵件簽名。',
  codeRefusedBody: 'ORCID 拒絕了這次登入（登入碼已使用或已過期）。請重新用 ORCID 登入，或直接用電子郵件簽名。',
  deniedBody: '你取消了 ORCID 登入。你仍然可以直接用電子郵件簽名。',
  takenTitle: '這個 ORCID iD 已簽名',
  takenBody: '這個 ORCID iD 已經透過 ORCID 登入為本倡議簽過名。每個 ORCID iD 只能驗證一個簽名。',
  backToForm: '返回簽名表單',
};

const en: VerificationWords = {
  levels: { email: 'Email confirmed', institution: 'Institutional email', orcid: 'ORCID verified' },
  explain: {
    email: 'The signer confirmed their mailbox.',
    institution: 'The confirmed mailbox belongs to a university or research institution.',
    orcid: 'The signer proved their ORCID iD by signing in with ORCID.',
  },
  claimed: 'ORCID iD self-reported, not verified',
  levelCol: 'Verification',
  filterLabel: 'Filter by verification',
  allLevels: 'All',
  filter: 'Filter',
  byLevel: 'By verification',
  orcidButton: 'Sign in with ORCID to sign',
  orcidOr: 'Researchers with an ORCID iD can first sign in with ORCID to prove it (optional), or simply fill in the form below.',
  orcidProven: 'Proven by ORCID sign-in: {orcid}',
  orcidProvenHint: 'Once you confirm by email, your signature is marked “ORCID verified”.',
  orcidStartOver: 'Sign another way',
  failedTitle: 'ORCID sign-in did not work',
  unavailableBody: 'ORCID cannot be reached right now. You can still sign with your email.',
  badStateBody: 'This ORCID sign-in could not be verified (it may have expired, or it was not started on this site). Sign in with ORCID again, or sign with your email.',
  codeRefusedBody: 'ORCID refused this sign-in (the code was already used or has expired). Sign in with ORCID again, or sign with your email.',
  deniedBody: 'You cancelled the ORCID sign-in. You can still sign with your email.',
  takenTitle: 'This ORCID iD has already signed',
  takenBody: 'This ORCID iD has already signed this pledge through ORCID sign-in. Each ORCID iD verifies one signature.',
  backToForm: 'Back to the sign form',
};

const WORDS: Record<Lang, VerificationWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function verificationWords(lang: Lang): VerificationWords {
  return WORDS[lang];
}
