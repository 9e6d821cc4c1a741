import type { ExportLanguage } from '../../../shared/schemas/exports.js';

/**
 * Header names and enum words of an exported file, in the words the web app uses for the same
 * columns (web i18n `customers`, `organizations`, `contacts`). The server cannot read the web's
 * bundle of translations, and a file leaves the app, so it carries its own small copy.
 */
type Words = Record<ExportLanguage, string>;
const w = (en: string, zh: string): Words => ({ en, 'zh-CN': zh });

const SHARED: Record<string, Words> = {
  ownerId: w('Owner', '负责人'),
  teamId: w('Team', '团队'),
  tier: w('Tier', '客户等级'),
  source: w('Source', '来源'),
  country: w('Country', '国家/地区'),
  province: w('Province', '省份'),
  city: w('City', '城市'),
  district: w('District', '区县'),
  address: w('Address', '详细地址'),
  tags: w('Tags', '标签'),
  phones: w('Phones', '电话'),
  emails: w('E-mails', '邮箱'),
  lastActivityAt: w('Last activity', '最近活动'),
  updatedAt: w('Updated', '更新时间'),
  createdAt: w('Created', '创建时间'),
};

export const HEADER_LABELS: Record<'organizations' | 'contacts', Record<string, Words>> = {
  organizations: {
    ...SHARED,
    name: w('Name', '名称'),
    partyType: w('Party type', '客户类型'),
    lifecycleStatus: w('Lifecycle', '生命周期'),
    industry: w('Industry', '行业'),
    size: w('Size', '规模'),
    website: w('Website', '网站'),
    uscc: w('Unified social credit code', '统一社会信用代码'),
  },
  contacts: {
    ...SHARED,
    name: w('Name', '姓名'),
    organizations: w('Organizations', '所属客户'),
    reach: w('Phone / e-mail', '电话 / 邮箱'),
  },
};

export const ENUM_LABELS: Record<string, Record<string, Words>> = {
  partyType: {
    customer: w('Customer', '客户'),
    distributor: w('Distributor', '经销商'),
    supplier: w('Supplier', '供应商'),
    partner: w('Partner', '合作伙伴'),
    competitor: w('Competitor', '竞争对手'),
    media: w('Media', '媒体'),
    other: w('Other', '其他'),
  },
  lifecycleStatus: {
    potential: w('Potential', '潜在'),
    intended: w('Intended', '意向'),
    existing: w('Existing', '现有'),
    terminated: w('Terminated', '已终止'),
  },
  tier: { key: w('Key account', '大客户'), A: w('A', 'A'), B: w('B', 'B'), C: w('C', 'C') },
};

export const BOOLEAN_LABELS: Record<'true' | 'false', Words> = { true: w('Yes', '是'), false: w('No', '否') };
/** The owner column of a record in the shared pool. */
export const POOL_LABEL = w('Shared pool', '公海');
/** Sheet name of an XLSX export. */
export const SHEET_LABELS: Record<'organizations' | 'contacts', Words> = { organizations: w('Organizations', '客户'), contacts: w('Contacts', '联系人') };

/** The language a request asks for: `lang` if given, else the first supported one in Accept-Language, else English. */
export function languageOf(lang: ExportLanguage | undefined, acceptLanguage: string | undefined): ExportLanguage {
  if (lang) return lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
