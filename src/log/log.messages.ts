import type { Lang } from '../platform/i18n/lang.ts';

// Words of the public log: the receipt on the thank-you page and the verify page.
type LogWords = {
  receiptHeading: string;
  receiptBody: string[];
  receiptButton: string;
  verifyLink: string;
  notReadyTitle: string;
  notReadyBody: string;
  verifyTitle: string;
  verifyIntro: string[];
  latestHeading: string;
  noCheckpoint: string;
  labels: { treeSize: string; rootHash: string; individuals: string; societies: string; timestamp: string; keyId: string };
  browserHeading: string;
  browserBody: string;
  checkButton: string;
  receiptFile: string;
  noscript: string;
  cliHeading: string;
  cliBody: string;
  dataHeading: string;
  // The stats page: removals as the public log records them.
  removals: { heading: string; withdrawn: string; invalidated: string; note: string; categories: Record<string, string> };
  // Shown by the verify page's script (verify.browser.ts, built into web/log-verify.js).
  script: {
    checking: string;
    passed: string;
    failed: string;
    counted: string;
    removed: string;
    badFile: string;
    // {quorum}, {count}: the witnesses required and configured (data-quorum, data-witnesses).
    witnessed: string;
    noQuorum: string;
  };
};

const zhHans: LogWords = {
  receiptHeading: '你的签名回执',
  receiptBody: [
    '每一个计入总数的签名，以及每一次撤回或移除，都记录在一份任何人都可以核查的公开日志里。日志中的每一条只是一串打乱的编码，不包含你的姓名或邮箱。',
    '回执是一个小文件，它能证明你的签名就在这份日志里，也能用来核对我们公布的总数是否属实。请自己保存，不要公开：其中含有把那条记录和你联系起来的密钥。',
    '你可以在核查页面上用浏览器检查回执，也可以使用开源的命令行工具检查。',
  ],
  receiptButton: '下载我的回执（JSON 文件）',
  verifyLink: '亲自核查总数',
  notReadyTitle: '回执尚未生成',
  notReadyBody: '这个签名暂时还没有回执。请稍后用同一个链接再试。',
  verifyTitle: '核查总数',
  verifyIntro: [
    '本站公布的总数来自一份只能追加、不能修改的公开日志：每个签名被计入时追加一条“加入”，被撤回或判为无效时追加一条“移除”。日志中不含任何个人信息。',
    '日志按证书透明度（RFC 6962）的方式组成默克尔树。本站定期发布签名的检查点：日志条数、树根哈希和当时的总数。任何人都可以下载全部条目，重新计算树根，并核对总数是否等于“加入”减去“移除”。',
  ],
  latestHeading: '最新检查点',
  noCheckpoint: '暂无检查点。',
  labels: { treeSize: '日志条数', rootHash: '树根哈希', individuals: '个人签名', societies: '学会', timestamp: '签名时间', keyId: '密钥编号' },
  browserHeading: '在浏览器中核查',
  browserBody: '下载全部条目，验证检查点的签名，重新计算树根并核对总数。如果选择了你的回执，还会检查你的签名是否在日志中。',
  checkButton: '开始核查',
  receiptFile: '你的回执（可选）',
  noscript: '在浏览器中核查需要启用 JavaScript。你也可以使用下面的命令行工具。',
  cliHeading: '命令行',
  cliBody: '在本项目的源代码目录中运行：',
  dataHeading: '公开数据',
  removals: {
    heading: '移除的签名',
    withdrawn: '签名者本人撤回',
    invalidated: '组织者判定无效',
    note: '数字来自公开日志：每一次移除都带有公开的原因。',
    categories: { duplicate: '重复', fraud: '冒名或伪造', suspicious: '可疑来源', other: '其他', deleted: '已删除', revoked: '撤销认证' },
  },
  script: {
    checking: '正在核查…',
    passed: '全部检查通过。',
    failed: '核查未通过：',
    counted: '你的签名在日志中，并计入当前总数。',
    removed: '你的签名在日志中，但此后已被移除（撤回或无效）。',
    badFile: '这不是有效的回执文件。',
    witnessed: '检查点已由本站 {count} 个见证方中的至少 {quorum} 个联署：他们看到的是同一份日志。',
    noQuorum: '检查点没有得到足够的见证方联署（本站的 {count} 个见证方中需要至少 {quorum} 个）。展示给你的日志可能与别人看到的不同，请不要信任这次结果。',
  },
};

const zhHant: LogWords = {
  receiptHeading: '你的簽名回執',
  receiptBody: [
    '每一個計入總數的簽名，以及每一次撤回或移除，都記錄在一份任何人都可以核查的公開日誌裡。日誌中的每一條只是一串打亂的編碼，不包含你的姓名或電子郵件。',
    '回執是一個小檔案，它能證明你的簽名就在這份日誌裡，也能用來核對我們公布的總數是否屬實。請自己保存，不要公開：其中含有把那條記錄和你聯繫起來的密鑰。',
    '你可以在核查頁面上用瀏覽器檢查回執，也可以使用開源的命令列工具檢查。',
  ],
  receiptButton: '下載我的回執（JSON 檔案）',
  verifyLink: '親自核查總數',
  notReadyTitle: '回執尚未產生',
  notReadyBody: '這個簽名暫時還沒有回執。請稍後用同一個連結再試。',
  verifyTitle: '核查總數',
  verifyIntro: [
    '本站公布的總數來自一份只能追加、不能修改的公開日誌：每個簽名被計入時追加一條「加入」，被撤回或判為無效時追加一條「移除」。日誌中不含任何個人資料。',
    '日誌按憑證透明度（RFC 6962）的方式組成默克爾樹。本站定期發布簽署的檢查點：日誌條數、樹根雜湊和當時的總數。任何人都可以下載全部條目，重新計算樹根，並核對總數是否等於「加入」減去「移除」。',
  ],
  latestHeading: '最新檢查點',
  noCheckpoint: '暫無檢查點。',
  labels: { treeSize: '日誌條數', rootHash: '樹根雜湊', individuals: '個人簽名', societies: '學會', timestamp: '簽署時間', keyId: '密鑰編號' },
  browserHeading: '在瀏覽器中核查',
  browserBody: '下載全部條目，驗證檢查點的簽章，重新計算樹根並核對總數。如果選擇了你的回執，還會檢查你的簽名是否在日誌中。',
  checkButton: '開始核查',
  receiptFile: '你的回執（選填）',
  noscript: '在瀏覽器中核查需要啟用 JavaScript。你也可以使用下面的命令列工具。',
  cliHeading: '命令列',
  cliBody: '在本專案的原始碼目錄中執行：',
  dataHeading: '公開資料',
  removals: {
    heading: '移除的簽名',
    withdrawn: '簽署者本人撤回',
    invalidated: '組織者判定無效',
    note: '數字來自公開日誌：每一次移除都帶有公開的原因。',
    categories: { duplicate: '重複', fraud: '冒名或偽造', suspicious: '可疑來源', other: '其他', deleted: '已刪除', revoked: '撤銷認證' },
  },
  script: {
    checking: '正在核查…',
    passed: '全部檢查通過。',
    failed: '核查未通過：',
    counted: '你的簽名在日誌中，並計入目前總數。',
    removed: '你的簽名在日誌中，但此後已被移除（撤回或無效）。',
    badFile: '這不是有效的回執檔案。',
    witnessed: '檢查點已由本站 {count} 個見證方中的至少 {quorum} 個聯署：他們看到的是同一份日誌。',
    noQuorum: '檢查點沒有得到足夠的見證方聯署（本站的 {count} 個見證方中需要至少 {quorum} 個）。展示給你的日誌可能與別人看到的不同，請不要信任這次結果。',
  },
};

const en: LogWords = {
  receiptHeading: 'Your receipt',
  receiptBody: [
    'Every signature we count, and every withdrawal or removal, is recorded in a public log that anyone can check. Each entry is a scrambled code: it does not show your name or your email.',
    'Your receipt is a small file that proves your signature is one of those entries, and lets you check that the totals we publish add up. Keep it to yourself: it holds the secret that links the entry to you.',
    'You can check it on our verify page in your browser, or with the open-source command-line verifier.',
  ],
  receiptButton: 'Download my receipt (JSON file)',
  verifyLink: 'Check the totals yourself',
  notReadyTitle: 'Your receipt is not ready yet',
  notReadyBody: 'There is no receipt for this signature yet. Try again later with the same link.',
  verifyTitle: 'Check the totals',
  verifyIntro: [
    'The totals on this site come from a public log that can only grow: an "add" entry when a signature is counted, a "remove" entry when it is withdrawn or invalidated. The log holds no personal data.',
    'The log is a Merkle tree as in Certificate Transparency (RFC 6962). The site regularly publishes signed checkpoints: the number of entries, the root hash and the totals at that moment. Anyone can download every entry, recompute the root, and check that the totals equal additions minus removals.',
  ],
  latestHeading: 'Latest checkpoint',
  noCheckpoint: 'No checkpoint yet.',
  labels: { treeSize: 'Entries in the log', rootHash: 'Root hash', individuals: 'Individual signatures', societies: 'Societies', timestamp: 'Signed at', keyId: 'Key id' },
  browserHeading: 'Check in this browser',
  browserBody:
    'Downloads every entry, checks the checkpoint signature, recomputes the root and the totals. If you choose your receipt, it also checks that your signature is in the log.',
  checkButton: 'Check now',
  receiptFile: 'Your receipt (optional)',
  noscript: 'Checking in the browser needs JavaScript. You can use the command-line verifier below instead.',
  cliHeading: 'Command line',
  cliBody: 'In a checkout of this project’s source code, run:',
  dataHeading: 'Open data',
  removals: {
    heading: 'Removed signatures',
    withdrawn: 'Withdrawn by the signer',
    invalidated: 'Invalidated by an organiser',
    note: 'From the public log: every removal carries a public reason.',
    categories: { duplicate: 'duplicate', fraud: 'fraud', suspicious: 'suspicious source', other: 'other', deleted: 'deleted', revoked: 'verification revoked' },
  },
  script: {
    checking: 'Checking…',
    passed: 'All checks passed.',
    failed: 'A check failed:',
    counted: 'Your signature is in the log and counted in the current totals.',
    removed: 'Your signature is in the log but has since been removed (withdrawn or invalidated).',
    badFile: 'This is not a valid receipt file.',
    witnessed: 'The checkpoint is cosigned by at least {quorum} of the site’s {count} witnesses: they see the same log.',
    noQuorum:
      'The checkpoint is not cosigned by enough witnesses (at least {quorum} of the site’s {count} are required). The log shown to you may not be the one others see: do not trust this result.',
  },
};

const WORDS: Record<Lang, LogWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function logWords(lang: Lang): LogWords {
  return WORDS[lang];
}
