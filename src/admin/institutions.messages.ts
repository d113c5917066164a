import type { Lang } from '../platform/i18n/lang.ts';

// Words of the console's institution domain list (issue 16).
const words = {
  en: {
    title: 'Institution domains',
    intro:
      'A confirmed mailbox at an academic or research domain verifies a signature at the “institutional email” level. The built-in list is swot (universities and colleges) plus research academies; add a domain it misses, or remove one that does not belong. Subdomains follow their domain; the most specific rule wins. Existing signatures are updated at once.',
    domain: 'Domain',
    listed: 'Rule',
    add: 'Add: academic or research',
    remove: 'Remove: not an institution',
    note: 'Note (optional)',
    save: 'Save rule',
    reset: 'Delete rule',
    builtIn: 'Built-in list says',
    yes: 'academic',
    no: 'not academic',
    who: 'By',
    none: 'No rules yet: the built-in list decides.',
    saved: 'Saved; {n} signature(s) changed level.',
    check: 'Check a domain',
    checkResult: '{domain}: {result}',
  },
  'zh-Hans': {
    title: '机构邮箱域名',
    intro:
      '签名者确认的邮箱如果属于高校或科研机构的域名，签名标为“机构邮箱”。内置名单为 swot（大学和学院）加上科研院所；可以添加它漏掉的域名，或移除不应列入的域名。子域名随其域名；最具体的规则优先。已有签名会立即更新。',
    domain: '域名',
    listed: '规则',
    add: '添加：属于高校或科研机构',
    remove: '移除：不属于机构',
    note: '备注（选填）',
    save: '保存规则',
    reset: '删除规则',
    builtIn: '内置名单',
    yes: '属于机构',
    no: '不属于机构',
    who: '操作人',
    none: '尚无规则：由内置名单决定。',
    saved: '已保存；{n} 个签名的验证程度已改变。',
    check: '查询域名',
    checkResult: '{domain}:{result}',
  },
  'zh-Hant': {
    title: '機構郵件網域',
    intro:
      '簽名者確認的電子郵件如果屬於大學或研究機構的網域，簽名標為「機構郵件」。內建名單為 swot（大學和學院）加上研究院所；可以新增它漏掉的網域，或移除不應列入的網域。子網域隨其網域；最具體的規則優先。已有簽名會立即更新。',
    domain: '網域',
    listed: '規則',
    add: '新增：屬於大學或研究機構',
    remove: '移除：不屬於機構',
    note: '備註（選填）',
    save: '儲存規則',
    reset: '刪除規則',
    builtIn: '內建名單',
    yes: '屬於機構',
    no: '不屬於機構',
    who: '操作人',
    none: '尚無規則：由內建名單決定。',
    saved: '已儲存；{n} 個簽名的驗證程度已改變。',
    check: '查詢網域',
    checkResult: '{domain}:{result}',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export function institutionWords(lang: Lang) {
  return words[lang];
}

export const institutionFieldWords: Record<Lang, Record<string, Record<string, string>>> = {
  en: { domain: { required: 'Enter a domain', invalid: 'Enter a domain such as ihep.ac.cn' }, note: { tooLong: 'At most 200 characters' } },
  'zh-Hans': { domain: { required: '请填写域名', invalid: '请填写域名，例如 ihep.ac.cn' }, note: { tooLong: '最多 200 个字符' } },
  'zh-Hant': { domain: { required: '請填寫網域', invalid: '請填寫網域，例如 ihep.ac.cn' }, note: { tooLong: '最多 200 個字元' } },
};
