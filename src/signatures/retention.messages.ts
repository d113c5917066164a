import type { Lang } from '../platform/i18n/lang.ts';

// The pledge page's privacy note (src/pledge-page/PrivacyNote.tsx): what is kept, for
// how long, and why. {days}: the pledge's retention_days; {date}: when erasure is due.
type RetentionWords = {
  summary: string;
  kept: string;
  until: string;
  untilNoClose: string;
  erased: string;
  noWithdraw: string;
  stays: string;
};

const zhHans: RetentionWords = {
  summary: '你的个人信息：我们保存什么、保存多久、为什么',
  kept: '我们保存你的邮箱地址（用于确认签名，并给你撤回签名的链接）、你的 IP 地址的加密哈希（用于防止批量签名，不保存 IP 本身），以及你填写的姓名、单位、职称和 ORCID。学科和地区用于统计。',
  until: '这些信息保存到本倡议结束后 {days} 天，即 {date}（UTC）。',
  untilNoClose: '这些信息保存到本倡议结束后 {days} 天；本倡议尚未设定结束时间。',
  erased: '期满后，我们删除你的邮箱地址、IP 哈希和所有链接；如果你没有选择公开署名，还会删除你的姓名、单位、职称和 ORCID。撤回、被判无效或待审核的签名同样删除。',
  noWithdraw: '删除之后，就不能再通过链接撤回签名了，因为链接已经不存在。',
  stays:
    '保留的内容及原因：总数以及按学科和地区的分类统计；公开日志（不含任何个人信息，让任何人都能一直核查总数）；如果你同意公开署名，公开名单上你的姓名和单位。它们是这份倡议的公开记录。',
};

const zhHant: RetentionWords = {
  summary: '你的個人資料：我們保存什麼、保存多久、為什麼',
  kept: '我們保存你的電子郵件地址（用於確認簽名，並給你撤回簽名的連結）、你的 IP 位址的加密雜湊（用於防止大量簽名，不保存 IP 本身），以及你填寫的姓名、單位、職稱和 ORCID。學科和地區用於統計。',
  until: '這些資料保存到本倡議結束後 {days} 天，即 {date}（UTC）。',
  untilNoClose: '這些資料保存到本倡議結束後 {days} 天；本倡議尚未設定結束時間。',
  erased: '期滿後，我們刪除你的電子郵件地址、IP 雜湊和所有連結；如果你沒有選擇公開署名，還會刪除你的姓名、單位、職稱和 ORCID。撤回、被判無效或待審核的簽名同樣刪除。',
  noWithdraw: '刪除之後，就不能再透過連結撤回簽名了，因為連結已經不存在。',
  stays:
    '保留的內容及原因：總數以及按學科和地區的分類統計；公開日誌（不含任何個人資料，讓任何人都能一直核查總數）；如果你同意公開署名，公開名單上你的姓名和單位。它們是這份倡議的公開紀錄。',
};

const en: RetentionWords = {
  summary: 'Your personal data: what we keep, for how long, and why',
  kept: 'We keep your email address (to confirm your signature and to send you the link to withdraw it), a keyed hash of your IP address (against mass signing; never the address itself), and the name, affiliation, title and ORCID you give. Field and region are kept for the statistics.',
  until: 'We keep them until {days} days after this pledge closes, that is until {date} (UTC).',
  untilNoClose: 'We keep them until {days} days after this pledge closes; it has no closing date yet.',
  erased:
    'Then we erase your email address, the IP hash and every link, and, unless you chose to be listed publicly, your name, affiliation, title and ORCID. Withdrawn, invalidated and held signatures are erased too.',
  noWithdraw: 'After that, a signature can no longer be withdrawn by link: the link no longer exists.',
  stays:
    'What stays, and why: the totals and the breakdowns by field and region; the public log (it holds no personal data, so anyone can keep checking the totals); and, if you agreed to be listed, your name and affiliation on the public list. They are the pledge’s public record.',
};

const WORDS: Record<Lang, RetentionWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function retentionWords(lang: Lang): RetentionWords {
  return WORDS[lang];
}
