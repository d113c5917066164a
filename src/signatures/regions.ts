import type { Lang } from '../platform/i18n/lang.ts';

// Region of a signer: a province-level division of China (ISO 3166-2:CN, 34 codes,
// including Taiwan, Hong Kong and Macau as the standard lists them) or another
// country (ISO 3166-1 alpha-2).
const CN_DIVISIONS: Record<string, [string, string, string]> = {
  'CN-BJ': ['北京', '北京', 'Beijing'],
  'CN-TJ': ['天津', '天津', 'Tianjin'],
  'CN-HE': ['河北', '河北', 'Hebei'],
  'CN-SX': ['山西', '山西', 'Shanxi'],
  'CN-NM': ['内蒙古', '內蒙古', 'Inner Mongolia'],
  'CN-LN': ['辽宁', '遼寧', 'Liaoning'],
  'CN-JL': ['吉林', '吉林', 'Jilin'],
  'CN-HL': ['黑龙江', '黑龍江', 'Heilongjiang'],
  'CN-SH': ['上海', '上海', 'Shanghai'],
  'CN-JS': ['江苏', '江蘇', 'Jiangsu'],
  'CN-ZJ': ['浙江', '浙江', 'Zhejiang'],
  'CN-AH': ['安徽', '安徽', 'Anhui'],
  'CN-FJ': ['福建', '福建', 'Fujian'],
  'CN-JX': ['江西', '江西', 'Jiangxi'],
  'CN-SD': ['山东', '山東', 'Shandong'],
  'CN-HA': ['河南', '河南', 'Henan'],
  'CN-HB': ['湖北', '湖北', 'Hubei'],
  'CN-HN': ['湖南', '湖南', 'Hunan'],
  'CN-GD': ['广东', '廣東', 'Guangdong'],
  'CN-GX': ['广西', '廣西', 'Guangxi'],
  'CN-HI': ['海南', '海南', 'Hainan'],
  'CN-CQ': ['重庆', '重慶', 'Chongqing'],
  'CN-SC': ['四川', '四川', 'Sichuan'],
  'CN-GZ': ['贵州', '貴州', 'Guizhou'],
  'CN-YN': ['云南', '雲南', 'Yunnan'],
  'CN-XZ': ['西藏', '西藏', 'Tibet'],
  'CN-SN': ['陕西', '陝西', 'Shaanxi'],
  'CN-GS': ['甘肃', '甘肅', 'Gansu'],
  'CN-QH': ['青海', '青海', 'Qinghai'],
  'CN-NX': ['宁夏', '寧夏', 'Ningxia'],
  'CN-XJ': ['新疆', '新疆', 'Xinjiang'],
  'CN-TW': ['台湾', '臺灣', 'Taiwan'],
  'CN-HK': ['香港', '香港', 'Hong Kong'],
  'CN-MO': ['澳门', '澳門', 'Macau'],
};

// Officially assigned ISO 3166-1 alpha-2 codes (CN itself is covered by its divisions).
const COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MP MQ MR MS ' +
  'MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS ' +
  'RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRY_SET = new Set(COUNTRIES);

export const CN_DIVISION_CODES = Object.keys(CN_DIVISIONS);

export function isRegion(code: string): boolean {
  return code in CN_DIVISIONS || COUNTRY_SET.has(code);
}

const LANG_INDEX: Record<Lang, 0 | 1 | 2> = { 'zh-Hans': 0, 'zh-Hant': 1, en: 2 };
const INTL_LOCALE: Record<Lang, string> = { 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant', en: 'en' };

export function regionName(code: string, lang: Lang): string {
  const cn = CN_DIVISIONS[code];
  if (cn) return cn[LANG_INDEX[lang]];
  try {
    return new Intl.DisplayNames([INTL_LOCALE[lang]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// Options for the region <select>: China's divisions in the standard order, then other
// countries sorted by their name in the visitor's language.
type RegionOptions = { china: [string, string][]; world: [string, string][] };
// Built once per language per isolate: naming and sorting 249 countries is not free.
const optionsCache = new Map<Lang, RegionOptions>();

export function regionOptions(lang: Lang): RegionOptions {
  const cached = optionsCache.get(lang);
  if (cached) return cached;
  const options = buildRegionOptions(lang);
  optionsCache.set(lang, options);
  return options;
}

function buildRegionOptions(lang: Lang): RegionOptions {
  const names = new Intl.DisplayNames([INTL_LOCALE[lang]], { type: 'region' });
  const collator = new Intl.Collator(INTL_LOCALE[lang]);
  return {
    china: CN_DIVISION_CODES.map((c) => [c, regionName(c, lang)]),
    world: COUNTRIES.map((c): [string, string] => [c, names.of(c) ?? c]).sort((a, b) => collator.compare(a[1], b[1])),
  };
}
