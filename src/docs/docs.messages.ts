import type { Lang } from '../platform/i18n/lang.ts';

// Words of the API documentation page. The OpenAPI document is the English reference;
// the page names each operation in the reader's language (by operationId) and keeps the
// field-level descriptions of the document.
type DocsWords = {
  intro: string;
  reference: string;
  openData: string;
  embedding: string;
  badge: string;
  widget: string;
  columns: { name: string; in: string; type: string; required: string; description: string };
  required: string;
  optional: string;
  body: string;
  responses: string;
  englishNote: string;
  tags: Record<string, string>;
  summaries: Record<string, string>;
};

const zhHans: DocsWords = {
  intro: '本站的全部公开数据都可以通过开放的 JSON 接口读取；签名、确认和撤回也可以通过接口完成。',
  reference: 'OpenAPI 3.1 文档（英文，为准确参考）：',
  openData: '开放数据',
  embedding: '嵌入到其他网站',
  badge: '徽章（?lang=zh-Hans|zh-Hant|en）：',
  widget: '小组件：',
  columns: { name: '名称', in: '位置', type: '类型', required: '必填', description: '说明' },
  required: '必填',
  optional: '选填',
  body: '请求体',
  responses: '响应',
  englishNote: '各字段的详细说明来自 OpenAPI 文档，为英文。',
  tags: {
    Pledges: '倡议',
    Counts: '统计',
    Signatures: '签名',
    Signatories: '签名者名单',
    Endorsements: '学会联署',
    'Public log': '公开日志',
    Admin: '组织方后台',
    Meta: '文档',
  },
  summaries: {
    listPledges: '已发布的倡议',
    getPledge: '一项倡议：各语言的当前文本和总数',
    getCounts: '一项倡议的当前总数',
    liveCounts: 'WebSocket：总数变化时实时推送',
    getStats: '已确认签名的分类统计和时间序列',
    signPledge: '签名支持一项倡议（随后发送确认邮件）',
    confirmSignature: '用确认邮件中的令牌确认签名',
    withdrawSignature: '用邮件中的令牌撤回签名；个人信息随即删除',
    getSignatureReceipt: '已确认签名者的回执：日志条目、其密钥、包含证明和签名检查点',
    listSignatories: '公开签名者，最新的在前，可搜索，按游标分页',
    downloadSignatoriesCsv: '开放数据：完整公开名单（CSV）',
    downloadSignatoriesJson: '开放数据：完整公开名单（JSON 数组）',
    endorsePledge: '学会联署一项倡议（联系人通过邮件确认，再由组织方核实）',
    listEndorsements: '已核实的联署学会：发起学会按原顺序在前，其余按核实时间',
    getLogCheckpoint: '公开日志最新的签名检查点',
    listLogCheckpoints: '检查点历史，最新的在前',
    getLogConsistencyProof: '两个树大小之间的 RFC 6962 一致性证明',
    getLogInclusionProof: '给定树大小中某一叶子的 RFC 6962 审计路径',
    listLogEntries: '公开日志的条目 [start, end)，每次最多 1000 条',
    listPledgeUpdates: '倡议的更新和里程碑，最新的在前',
    publishPledgeUpdate: '发布倡议更新（可选择邮件通知订阅者）',
    setPledgeMilestones: '设置里程碑门槛',
    listInstitutionDomains: '机构域名规则（组织方的添加和移除）',
    putInstitutionDomain: '添加或移除一个机构域名',
    deleteInstitutionDomain: '删除一条机构域名规则',
    getOpenApi: '本文档（OpenAPI 3.1）',
    adminListEndorsements: '学会审核队列：分页、真实总数、搜索、排序和每项申请的提示信息',
    previewBulkRejectEndorsements: '批量拒绝将影响多少项申请，并附样本',
    bulkRejectEndorsements: '拒绝所有符合条件的申请（需要 reason 和预览得到的 expected）；不发送邮件',
    adminGetEndorsement: '一项联署及其联系人信息',
    verifyEndorsement: '核实一项邮箱已确认的联署：公开列出并计入总数，并通知联系人',
    rejectEndorsement: '说明原因并拒绝一项联署，并通知联系人',
    searchSignatures: '按姓名、单位、邮箱和状态搜索签名',
    previewBulkInvalidation: '批量作废将改变多少个签名（按状态）',
    bulkInvalidate: '作废所有符合条件的签名（只改状态，从不删除）',
    trending: '过去一小时内签名较多的 IP 哈希和邮箱域名',
    adminListPledges: '全部倡议，包括草稿',
    createPledge: '创建倡议及其文本',
    adminGetPledge: '一项倡议及其全部文本版本',
    patchPledge: '编辑倡议；修改后的文本成为新版本，此前的签名保留原版本',
    putPledge: '编辑倡议；修改后的文本成为新版本，此前的签名保留原版本',
    auditLog: '组织方操作的审计日志，最新的在前',
    hideSignature: '在公开名单中隐藏一个签名（可撤销）',
    unhideSignature: '在公开名单中重新显示一个签名',
    invalidateSignature: '作废一个签名（无法撤销，只改状态）',
    releaseSignature: '放行一个暂扣的签名',
    exportSignatures: '签名的 CSV（公式单元格已中和）',
    exportEndorsements: '学会联署的 CSV（公式单元格已中和）',
  },
};

const zhHant: DocsWords = {
  intro: '本站的全部公開資料都可以透過開放的 JSON 介面讀取；簽名、確認和撤回也可以透過介面完成。',
  reference: 'OpenAPI 3.1 文件（英文，為準確參考）：',
  openData: '開放資料',
  embedding: '嵌入到其他網站',
  badge: '徽章（?lang=zh-Hans|zh-Hant|en）：',
  widget: '小工具：',
  columns: { name: '名稱', in: '位置', type: '類型', required: '必填', description: '說明' },
  required: '必填',
  optional: '選填',
  body: '請求主體',
  responses: '回應',
  englishNote: '各欄位的詳細說明來自 OpenAPI 文件，為英文。',
  tags: {
    Pledges: '倡議',
    Counts: '統計',
    Signatures: '簽名',
    Signatories: '簽名者名單',
    Endorsements: '學會聯署',
    'Public log': '公開日誌',
    Admin: '主辦方後台',
    Meta: '文件',
  },
  summaries: {
    listPledges: '已發布的倡議',
    getPledge: '一項倡議：各語言的目前文本和總數',
    getCounts: '一項倡議的目前總數',
    liveCounts: 'WebSocket：總數變化時即時推送',
    getStats: '已確認簽名的分類統計和時間序列',
    signPledge: '簽名支持一項倡議（隨後寄送確認郵件）',
    confirmSignature: '用確認郵件中的權杖確認簽名',
    withdrawSignature: '用郵件中的權杖撤回簽名；個人資料隨即刪除',
    getSignatureReceipt: '已確認簽名者的收據：日誌條目、其密鑰、包含證明和簽章檢查點',
    listSignatories: '公開簽名者，最新的在前，可搜尋，依游標分頁',
    downloadSignatoriesCsv: '開放資料：完整公開名單（CSV）',
    downloadSignatoriesJson: '開放資料：完整公開名單（JSON 陣列）',
    endorsePledge: '學會聯署一項倡議（聯絡人透過郵件確認，再由主辦方核實）',
    listEndorsements: '已核實的聯署學會：發起學會依原順序在前，其餘依核實時間',
    getLogCheckpoint: '公開日誌最新的簽章檢查點',
    listLogCheckpoints: '檢查點歷史，最新的在前',
    getLogConsistencyProof: '兩個樹大小之間的 RFC 6962 一致性證明',
    getLogInclusionProof: '給定樹大小中某一葉子的 RFC 6962 稽核路徑',
    listLogEntries: '公開日誌的條目 [start, end)，每次最多 1000 條',
    listPledgeUpdates: '倡議的更新和里程碑，最新的在前',
    publishPledgeUpdate: '發佈倡議更新（可選擇郵件通知訂閱者）',
    setPledgeMilestones: '設定里程碑門檻',
    listInstitutionDomains: '機構網域規則（主辦方的新增和移除）',
    putInstitutionDomain: '新增或移除一個機構網域',
    deleteInstitutionDomain: '刪除一條機構網域規則',
    getOpenApi: '本文件（OpenAPI 3.1）',
    adminListEndorsements: '學會審核佇列：分頁、真實總數、搜尋、排序和每項申請的提示資訊',
    previewBulkRejectEndorsements: '批次拒絕將影響多少項申請，並附樣本',
    bulkRejectEndorsements: '拒絕所有符合條件的申請（需要 reason 和預覽得到的 expected）；不寄送郵件',
    adminGetEndorsement: '一項聯署及其聯絡人資料',
    verifyEndorsement: '核實一項郵件已確認的聯署：公開列出並計入總數，並通知聯絡人',
    rejectEndorsement: '說明原因並拒絕一項聯署，並通知聯絡人',
    searchSignatures: '依姓名、單位、電子郵件和狀態搜尋簽名',
    previewBulkInvalidation: '批次作廢將改變多少個簽名（依狀態）',
    bulkInvalidate: '作廢所有符合條件的簽名（只改狀態，從不刪除）',
    trending: '過去一小時內簽名較多的 IP 雜湊和郵件網域',
    adminListPledges: '全部倡議，包括草稿',
    createPledge: '建立倡議及其文本',
    adminGetPledge: '一項倡議及其全部文本版本',
    patchPledge: '編輯倡議；修改後的文本成為新版本，此前的簽名保留原版本',
    putPledge: '編輯倡議；修改後的文本成為新版本，此前的簽名保留原版本',
    auditLog: '主辦方操作的稽核日誌，最新的在前',
    hideSignature: '在公開名單中隱藏一個簽名（可撤銷）',
    unhideSignature: '在公開名單中重新顯示一個簽名',
    invalidateSignature: '作廢一個簽名（無法撤銷，只改狀態）',
    releaseSignature: '放行一個暫扣的簽名',
    exportSignatures: '簽名的 CSV（公式儲存格已中和）',
    exportEndorsements: '學會聯署的 CSV（公式儲存格已中和）',
  },
};

const en: DocsWords = {
  intro: 'Every public figure on this site can be read through an open JSON API; signing, confirming and withdrawing work through it too.',
  reference: 'OpenAPI 3.1 document (the reference):',
  openData: 'Open data',
  embedding: 'Embedding',
  badge: 'Badge (?lang=zh-Hans|zh-Hant|en):',
  widget: 'Widget:',
  columns: { name: 'Name', in: 'In', type: 'Type', required: 'Required', description: 'Description' },
  required: 'required',
  optional: 'optional',
  body: 'body',
  responses: 'Responses',
  englishNote: '',
  tags: {},
  summaries: {},
};

const WORDS: Record<Lang, DocsWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

export function docsWords(lang: Lang): DocsWords {
  return WORDS[lang];
}
