import type { ExportLanguage } from '../../../shared/schemas/exports.js';
import type { SalesReportKey } from '../../../shared/schemas/reports.js';

type Words = Record<ExportLanguage, string>;
const w = (en: string, zh: string): Words => ({ en, 'zh-CN': zh });

/**
 * Header names of an exported report, in the words of the web's `salesReports.columns`: the server
 * cannot read the web's translations, and the file leaves the app.
 */
export const COLUMN_LABELS: Record<string, Words> = {
  stage: w('Stage', '阶段'),
  count: w('Count', '数量'),
  reached: w('Reached', '到达数'),
  amount: w('Amount', '金额'),
  weighted: w('Weighted amount', '加权金额'),
  owner: w('Sales rep', '销售代表'),
  won: w('Won', '赢单'),
  lost: w('Lost', '输单'),
  winRate: w('Win rate %', '赢单率 %'),
  wonAmount: w('Won amount', '赢单金额'),
  avgDays: w('Average cycle (days)', '平均销售周期（天）'),
  target: w('Target', '目标'),
  forecast: w('Forecast', '预测'),
  attainment: w('Forecast / target %', '预测完成率 %'),
  key: w('Key', '编码'),
  name: w('Name', '名称'),
  orders: w('Orders', '订单数'),
  share: w('Share %', '占比 %'),
  day: w('Day', '日期'),
  province: w('Province', '省份'),
  bucket: w('Days overdue', '逾期天数'),
  installments: w('Installments', '分期数'),
};

export const REPORT_TITLES: Record<SalesReportKey, Words> = {
  funnel: w('Sales funnel', '销售漏斗'),
  'win-rate': w('Win rate', '赢单率'),
  'sales-cycle': w('Sales cycle', '销售周期'),
  forecast: w('Forecast vs target', '预测与目标'),
  revenue: w('Revenue', '销售额'),
  'new-customers': w('New customers', '新增客户'),
  'overdue-receivables': w('Overdue receivables', '逾期应收款'),
};

/** China's six administrative regions and Hong Kong/Macao, Taiwan: the first digit of a GB/T 2260 province code. */
export const REGION_NAMES: Record<string, Words> = {
  '1': w('North China', '华北'),
  '2': w('Northeast', '东北'),
  '3': w('East China', '华东'),
  '4': w('South Central', '中南'),
  '5': w('Southwest', '西南'),
  '6': w('Northwest', '西北'),
  '7': w('Taiwan', '台湾'),
  '8': w('Hong Kong and Macao', '港澳'),
};
