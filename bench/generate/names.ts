import { pinyin } from 'pinyin-pro';
import type { Seeded } from './random.js';

/**
 * Bilingual names. The word lists are small, so their pinyin is worked out once here with pinyin-pro
 * and a million names cost string concatenation only.
 */

// ü is written v in addresses and user names (吕 → lv), as pinyin keyboards type it.
const romanize = (zh: string) => pinyin(zh, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');

// The most common surnames first: picks are skewed towards the front (see person()).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const SURNAME_PINYIN = SURNAMES.map(romanize);
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲燕红宇浩凯健俊帆帅旭宁琳雪'.split(''),
  ...[
    '秀英',
    '建华',
    '晓东',
    '子涵',
    '浩然',
    '欣怡',
    '志强',
    '海燕',
    '丽娟',
    '雨轩',
    '梓萱',
    '俊杰',
    '建国',
    '婷婷',
    '晓明',
    '文静',
    '思远',
    '佳怡',
    '宇航',
    '嘉欣',
  ],
];
const GIVEN_PINYIN = GIVEN.map(romanize);

const FIRST = [
  'James',
  'Mary',
  'John',
  'Linda',
  'David',
  'Sarah',
  'Michael',
  'Emma',
  'Daniel',
  'Olivia',
  'Chris',
  'Sophie',
  'Peter',
  'Grace',
  'Tom',
  'Anna',
  'Lucas',
  'Mia',
  'Oliver',
  'Chloe',
  'Henry',
  'Laura',
  'Mark',
  'Julia',
  'Kevin',
  'Helen',
];
const LAST = [
  'Smith',
  'Brown',
  'Taylor',
  'Miller',
  'Wilson',
  'Moore',
  'Clark',
  'Lee',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Wright',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Carter',
  'Müller',
  'Schmidt',
  'Tanaka',
  'Kim',
  'Nguyen',
  'Rossi',
];

// Trade names and what the company does; with the city in front they make names like 深圳华信电子科技有限公司.
const BRANDS =
  '华信 中科 天合 金源 宏达 恒通 瑞丰 新锐 东方 远航 博创 嘉禾 联创 盛世 鼎盛 海纳 华美 永鑫 飞扬 启明 康达 润泽 兴业 长城 卓越 正泰 安捷 智联 云帆 合众 九州 万邦 蓝海 星辰 泰和 汇丰 明阳 凯利 德信 优品'.split(
    ' ',
  );
const BRAND_PINYIN = BRANDS.map(romanize);
const TRADES = [
  '电子科技',
  '信息技术',
  '机械制造',
  '生物医药',
  '新材料',
  '物流',
  '贸易',
  '食品',
  '化工',
  '建设工程',
  '网络科技',
  '汽车零部件',
  '服装',
  '家居',
  '环保科技',
  '教育咨询',
  '医疗器械',
  '能源',
];
const LEGAL = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const EN_BRANDS = [
  'Acme',
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Proseware',
  'Adatum',
  'Wingtip',
  'Lucerne',
  'Margie',
  'Alpine',
  'Blue Yonder',
];
const EN_TRADES = [
  'Logistics',
  'Trading',
  'Electronics',
  'Medical',
  'Foods',
  'Materials',
  'Software',
  'Industries',
  'Consulting',
  'Energy',
  'Automotive',
  'Retail',
];
const EN_LEGAL = ['Ltd.', 'Co., Ltd.', 'Inc.', 'GmbH', 'Pte. Ltd.', 'LLC'];

export const TITLES = [
  ['总经理', '总经办'],
  ['采购经理', '采购部'],
  ['采购专员', '采购部'],
  ['技术总监', '技术部'],
  ['财务经理', '财务部'],
  ['销售总监', '销售部'],
  ['行政主管', '行政部'],
  ['IT经理', '信息部'],
] as const;
export const EN_TITLES = [
  ['CEO', 'Management'],
  ['Purchasing Manager', 'Procurement'],
  ['Buyer', 'Procurement'],
  ['CTO', 'Engineering'],
  ['Finance Manager', 'Finance'],
  ['Head of Sales', 'Sales'],
] as const;

export interface Person {
  name: string;
  /** The local part of an e-mail address (pinyin for Chinese names, as people write them). */
  local: string;
}

/** Surnames and given names skewed towards the common ones, as in real name data (王, 李, 张 …). */
export function person(r: Seeded, english: boolean): Person {
  if (english) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    return { name: `${first} ${last}`, local: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') };
  }
  const s = Math.floor(r.next() ** 2 * SURNAMES.length);
  const g = r.int(0, GIVEN.length - 1);
  return { name: SURNAMES[s] + GIVEN[g], local: `${GIVEN_PINYIN[g]}.${SURNAME_PINYIN[s]}` };
}

export interface Company {
  name: string;
  domain: string;
  english: boolean;
}

/** A company name in the style of its place: "<city><brand><trade><legal form>" or "Acme Logistics Ltd.". */
export function company(r: Seeded, index: number, english: boolean, cityName: string | null): Company {
  if (english) {
    const brand = r.pick(EN_BRANDS);
    const trade = r.pick(EN_TRADES);
    return { name: `${brand} ${trade} ${index} ${r.pick(EN_LEGAL)}`, domain: `${brand}-${trade}-${index}.com`.toLowerCase().replace(/ /g, ''), english };
  }
  const b = r.int(0, BRANDS.length - 1);
  // Real registers hold many 华信 companies; the number keeps names (and their duplicate keys) apart.
  const place = cityName ? cityName.replace(/市$/, '') : '';
  return { name: `${place}${BRANDS[b]}${r.pick(TRADES)}${index}${r.pick(LEGAL)}`, domain: `${BRAND_PINYIN[b]}${index}.cn`, english };
}

export const mobile = (r: Seeded) => `1${r.pick(['35', '36', '38', '39', '50', '58', '86', '88'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
