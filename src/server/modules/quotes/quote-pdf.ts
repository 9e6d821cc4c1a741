import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import { formatMinor, toMinorNumber } from '../../../shared/money.js';
import type { CompanySettings, QuoteStatus } from '../../../shared/schemas/quotes.js';
import type { QuoteLineRow, QuoteRow } from './quotes.tables.js';

const require = createRequire(import.meta.url);
/** Noto Sans SC covers Chinese and Latin; pdfkit embeds only the glyphs used (a subset), so a quote stays small. */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
let fonts: { regular: Buffer; bold: Buffer } | undefined;
// pdfkit and its font stack (fontkit, brotli, unicode tables) took ~100 ms of every server start; only printing needs them.
let pdfkit: Promise<typeof PDFKitDocument> | undefined;
/** Read once (10 MB each) and kept: parsing per request is pdfkit's part, reading the file need not be. */
function loadFonts() {
  fonts ??= { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fonts;
}

export type PdfLang = 'en' | 'zh-CN';

const LABELS = {
  en: {
    title: 'QUOTATION',
    number: 'Quote no.',
    version: 'Version',
    date: 'Date',
    validUntil: 'Valid until',
    status: 'Status',
    customer: 'Customer',
    contact: 'Contact',
    owner: 'Sales rep',
    no: '#',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    price: 'Unit price',
    discount: 'Disc.',
    tax: 'Tax',
    amount: 'Amount',
    subtotal: 'Subtotal',
    quoteDiscount: 'Quote discount',
    taxTotal: 'Tax',
    total: 'Total',
    notes: 'Notes',
    currency: 'Currency',
    page: 'Page',
    statuses: { draft: 'Draft', pending_approval: 'Awaiting approval', sent: 'Sent', accepted: 'Accepted', rejected: 'Rejected', expired: 'Expired' },
  },
  'zh-CN': {
    title: '报价单',
    number: '报价单号',
    version: '版本',
    date: '日期',
    validUntil: '有效期至',
    status: '状态',
    customer: '客户',
    contact: '联系人',
    owner: '销售代表',
    no: '序号',
    item: '产品/描述',
    qty: '数量',
    unit: '单位',
    price: '单价',
    discount: '折扣',
    tax: '税率',
    amount: '金额',
    subtotal: '小计',
    quoteDiscount: '整单折扣',
    taxTotal: '税额',
    total: '总计',
    notes: '备注',
    currency: '币种',
    page: '页',
    statuses: { draft: '草稿', pending_approval: '待审批', sent: '已发送', accepted: '已接受', rejected: '已拒绝', expired: '已过期' },
  },
} as const;

export interface QuotePdfData {
  quote: QuoteRow;
  status: QuoteStatus;
  lines: QuoteLineRow[];
  skus: Map<string, string>;
  company: CompanySettings;
  organizationName: string | null;
  contactName: string | null;
  ownerName: string | null;
  /** YYYY-MM-DD the document is printed. */
  today: string;
}

const MARGIN = 48;
const GREY = '#666666';
const LINE = '#cccccc';
const ACCENT = '#1f4e8c';

/** The quote as an A4 PDF (a stream: the caller sends it as it is written). */
export async function renderQuotePdf(data: QuotePdfData, lang: PdfLang): Promise<PDFKit.PDFDocument> {
  const L = LABELS[lang];
  const { quote: q, lines } = data;
  const f = loadFonts();
  pdfkit ??= import('pdfkit').then((m) => m.default);
  const PDFDocument = await pdfkit;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${L.title} ${q.number} v${q.revision}`, Author: data.company.name || 'Guanxi CRM', Subject: data.organizationName ?? '' },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  const width = doc.page.width - MARGIN * 2;
  const money = (minor: number | string) => formatMinor(minor, q.currency);

  // Company header on the left, the document's identity on the right.
  const top = MARGIN;
  doc
    .font('bold')
    .fontSize(16)
    .fillColor(ACCENT)
    .text(data.company.name || ' ', MARGIN, top, { width: width * 0.58 });
  doc.font('regular').fontSize(9).fillColor(GREY);
  for (const line of [data.company.address, data.company.phone, data.company.email, data.company.website]) {
    if (line) doc.text(line, { width: width * 0.58 });
  }
  const leftBottom = doc.y;
  const rightX = MARGIN + width * 0.6;
  const rightW = width * 0.4;
  doc.font('bold').fontSize(20).fillColor('#000000').text(L.title, rightX, top, { width: rightW, align: 'right' });
  doc.moveDown(0.3);
  const meta: [string, string][] = [
    [L.number, q.number],
    [L.version, `v${q.revision}`],
    [L.date, data.today],
    [L.validUntil, q.validUntil ?? '—'],
    [L.status, L.statuses[data.status]],
    [L.currency, q.currency],
  ];
  doc.fontSize(9);
  for (const [k, v] of meta) {
    const y = doc.y;
    doc
      .font('regular')
      .fillColor(GREY)
      .text(k, rightX, y, { width: rightW * 0.45 });
    doc
      .font('bold')
      .fillColor('#000000')
      .text(v, rightX + rightW * 0.45, y, { width: rightW * 0.55, align: 'right' });
  }
  let y = Math.max(leftBottom, doc.y) + 12;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .strokeColor(ACCENT)
    .lineWidth(1.5)
    .stroke();
  y += 10;

  // Customer block.
  const party: [string, string | null][] = [
    [L.customer, data.organizationName],
    [L.contact, data.contactName],
    [L.owner, data.ownerName],
  ];
  doc.fontSize(10);
  for (const [k, v] of party) {
    if (!v) continue;
    doc.font('regular').fillColor(GREY).text(`${k}:`, MARGIN, y, { width: 70 });
    doc
      .font(k === L.customer ? 'bold' : 'regular')
      .fillColor('#000000')
      .text(v, MARGIN + 72, y, { width: width - 72 });
    y = doc.y + 3;
  }
  if (q.title) {
    doc
      .font('bold')
      .fontSize(11)
      .text(q.title, MARGIN, y + 4, { width });
    y = doc.y;
  }
  y += 10;

  // Lines table.
  const cols = [
    { key: 'no', w: 26, align: 'left' },
    { key: 'item', w: 171, align: 'left' },
    { key: 'qty', w: 44, align: 'right' },
    { key: 'unit', w: 32, align: 'left' },
    { key: 'price', w: 72, align: 'right' },
    { key: 'discount', w: 38, align: 'right' },
    { key: 'tax', w: 34, align: 'right' },
    { key: 'amount', w: width - 26 - 171 - 44 - 32 - 72 - 38 - 34, align: 'right' },
  ] as const;
  const drawRow = (cells: string[], rowY: number, font: 'regular' | 'bold', size: number) => {
    let x = MARGIN;
    doc.font(font).fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].w - 4 })));
    cells.forEach((c, i) => {
      doc.text(c, x + 2, rowY, { width: cols[i].w - 4, align: cols[i].align });
      x += cols[i].w;
    });
    return h;
  };
  const header = () => {
    doc.rect(MARGIN, y, width, 18).fill('#eef2f8');
    doc.fillColor('#000000');
    drawRow(
      cols.map((c) => L[c.key]),
      y + 4,
      'bold',
      8.5,
    );
    y += 20;
  };
  header();
  const bottom = doc.page.height - MARGIN - 20;
  for (const l of lines) {
    const sku = l.productId ? data.skus.get(l.productId) : undefined;
    const cells = [
      String(l.lineNo),
      sku ? `${l.description}\n${sku}` : l.description,
      l.quantity,
      l.unit ?? '',
      formatMinor(l.unitPriceMinor),
      l.discountPercent === '0' ? '' : `${l.discountPercent}%`,
      `${l.taxRate}%`,
      formatMinor(l.netMinor),
    ];
    doc.font('regular').fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].w - 4 })));
    if (y + h + 6 > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    doc.fillColor('#000000');
    drawRow(cells, y + 3, 'regular', 9);
    y += h + 6;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .strokeColor(LINE)
      .lineWidth(0.5)
      .stroke();
  }

  // Totals, right-aligned under the amount column.
  y += 8;
  const totals: [string, string, boolean][] = [
    [L.subtotal, money(q.subtotalMinor), false],
    ...(toMinorNumber(q.discountMinor) !== 0
      ? [[`${L.quoteDiscount} (${q.discountPercent}%)`, `-${money(q.discountMinor)}`, false] as [string, string, boolean]]
      : []),
    [L.taxTotal, money(q.taxMinor), false],
    [L.total, money(q.totalMinor), true],
  ];
  if (y + totals.length * 18 + 10 > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  const labelX = MARGIN + width * 0.5;
  for (const [k, v, strong] of totals) {
    if (strong) {
      y += 3;
      doc
        .moveTo(labelX, y)
        .lineTo(MARGIN + width, y)
        .strokeColor(ACCENT)
        .lineWidth(1)
        .stroke();
      y += 6;
    }
    doc
      .font(strong ? 'bold' : 'regular')
      .fontSize(strong ? 12 : 10)
      .fillColor(strong ? ACCENT : '#000000');
    doc.text(k, labelX, y, { width: width * 0.25 });
    doc.text(v, labelX + width * 0.25, y, { width: width * 0.25, align: 'right' });
    y += strong ? 20 : 16;
  }

  if (q.notes) {
    y += 10;
    if (y + 40 > bottom) {
      doc.addPage();
      y = MARGIN;
    }
    doc.font('bold').fontSize(10).fillColor('#000000').text(L.notes, MARGIN, y);
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#333333')
      .text(q.notes, MARGIN, doc.y + 2, { width });
  }

  // Page numbers once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const text = lang === 'zh-CN' ? `第 ${i + 1} / ${range.count} ${L.page}` : `${L.page} ${i + 1} / ${range.count}`;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(`${q.number} v${q.revision} · ${text}`, MARGIN, doc.page.height - MARGIN + 10, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return doc;
}
