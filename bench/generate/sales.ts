import type { Db } from '../../src/server/db/connection.js';
import { formatOrderNumber } from '../../src/server/modules/orders/orders.service.js';
import { LOST_REASONS } from '../../src/shared/schemas/opportunities.js';
import type { PAYMENT_METHODS } from '../../src/shared/schemas/orders.js';
import { END, idAt, iso, type Seeded, START, weightedTable } from './random.js';
import type { Sink, TableWriter } from './sink.js';

/**
 * Opportunities (N/10, with their stage history) and orders (N, with lines, payment plans, payments
 * and how each payment was split over the plan), generated per organization as the customers are
 * (customers.ts calls `organization()` once each), so memory stays flat. Both follow the customer's
 * size: an organization with k contacts gets ~k/0.85 × (N/10)/N deals and ~k/0.85 orders, which
 * inherits the contacts' Zipf curve — a few customers carry most of the revenue. `salesScale` (the
 * generator's --sales-scale) makes them for another N than the contacts': a 1M-order set on 100k
 * customers tests the reports at 1M without a full 1M load. Amounts are integer
 * minor units as the app stores them (src/shared/money.ts); statuses, paid amounts and installment
 * states are what the orders and payments services would have left behind.
 *
 * Not generated: quotes, opportunity contacts/competitors, audit entries and search tokens for these
 * records, organizations.last_deal_at. The reports read none of them.
 */

const DAY = 86_400_000;
const dateOf = (ms: number) => iso(ms).slice(0, 10);

/** The tables written here, children after parents (the PostgreSQL sink flushes in opening order). */
export const SALES_TABLES = ['opportunities', 'opportunity_stage_history', 'orders', 'order_lines', 'installments', 'payments', 'payment_allocations'];

export interface SalesOrganization {
  id: string;
  created: number;
  own: { ownerId: string | null; teamId: string | null };
  /** Contacts it has: the measure of how big a customer it is. */
  size: number;
  deleted: boolean;
}

export interface SalesCounts {
  opportunities: number;
  stageHistory: number;
  orders: number;
  orderLines: number;
  installments: number;
  payments: number;
  allocations: number;
  products: number;
}

const PRODUCTS: [string, string, number][] = [
  ['工业传感器', '个', 380],
  ['PLC控制器', '台', 5_600],
  ['服务器', '台', 42_000],
  ['存储阵列', '套', 180_000],
  ['ERP软件许可', '套', 98_000],
  ['ERP实施服务', '人天', 2_400],
  ['包装材料', '吨', 9_800],
  ['医用耗材', '箱', 1_250],
  ['伺服电机', '台', 3_900],
  ['冷链物流服务', '车次', 6_500],
  ['LED照明灯具', '套', 460],
  ['Industrial pumps', 'pcs', 12_800],
  ['Cloud services', 'month', 8_000],
  ['年度维保服务', '年', 36_000],
  ['技术培训', '场', 15_000],
  ['备品备件', '批', 4_200],
];
const PRODUCT = weightedTable(PRODUCTS.map((_, i) => [i, 1 / (i + 2)] as const));
const CURRENCY = weightedTable([
  ['CNY', 92],
  ['USD', 5],
  ['HKD', 2],
  ['EUR', 1],
] as const);
const METHOD = weightedTable([
  ['bank_transfer', 70],
  ['acceptance_bill', 12],
  ['online', 8],
  ['cash', 3],
  ['cheque', 3],
  ['other', 4],
] as const satisfies readonly (readonly [(typeof PAYMENT_METHODS)[number], number])[]);
const PLAN_SIZE = weightedTable([
  [1, 40],
  [2, 30],
  [3, 20],
  [4, 10],
] as const);
/** The open stage a deal still open sits in: fewer further down the funnel. */
const OPEN_STAGE = weightedTable([
  [0, 40],
  [1, 30],
  [2, 20],
  [3, 10],
] as const);
const DEAL_NAMES = ['采购项目', '年度框架合同', '扩容项目', '替换项目', '试点项目', 'Renewal', 'Expansion'];
const WON_NOTES = ['价格与交期满足客户要求', '技术方案通过评审', '老客户续约', 'Best total cost'];
const SOURCES = ['展会', '官网', '转介绍', '电话营销', '老客户介绍', 'Website'];

interface Installment {
  id: string;
  seq: number;
  due: number;
  amount: number;
  paid: number;
  paidOn: number | null;
}

interface Stage {
  id: string;
  kind: string;
  probability: number;
}

/** Pareto(α) ≥ 1: most draws near 1, a long tail. */
const pareto = (r: Seeded, alpha: number) => (1 - r.next()) ** (-1 / alpha);

/**
 * Reads the default pipeline the migrations seeded and adds a small product catalog (through Kysely:
 * a few rows), before the bulk load starts. Returns the per-organization generator.
 */
export async function prepareSales(db: Db, r: Seeded, contactCount: number, salesScale = contactCount) {
  const pipeline = await db.selectFrom('pipelines').select('id').where('isDefault', '=', 1).executeTakeFirstOrThrow();
  const stages: Stage[] = await db
    .selectFrom('pipelineStages')
    .select(['id', 'kind', 'probability'])
    .where('pipelineId', '=', pipeline.id)
    .where('deletedAt', 'is', null)
    .orderBy('sortOrder')
    .execute();
  const open = stages.filter((s) => s.kind === 'open');
  const won = stages.find((s) => s.kind === 'won');
  const lost = stages.find((s) => s.kind === 'lost');
  if (open.length === 0 || !won || !lost) throw new Error('The default pipeline lacks open, won or lost stages');

  const at = iso(START);
  const products = PRODUCTS.map(([name, unit, price], i) => ({
    id: idAt(r.next, START + i),
    sku: `BENCH-${String(i + 1).padStart(3, '0')}`,
    name,
    unit,
    price,
  }));
  await db
    .insertInto('products')
    .values(
      products.map((p) => ({
        id: p.id,
        sku: p.sku,
        name: p.name,
        unit: p.unit,
        category: null,
        description: null,
        active: 1,
        createdAt: at,
        updatedAt: at,
        version: 1,
      })),
    )
    .execute();

  const inOrgs = Math.max(1, Math.floor(contactCount * 0.85));
  const dealsPerContact = salesScale / 10 / inOrgs;
  const ordersPerContact = salesScale / inOrgs;
  const counters = new Map<number, number>();
  const counts: SalesCounts = {
    opportunities: 0,
    stageHistory: 0,
    orders: 0,
    orderLines: 0,
    installments: 0,
    payments: 0,
    allocations: 0,
    products: products.length,
  };
  let sink: Sink | undefined;
  let w: Writers | undefined;

  /** A whole number with mean `mean`: its integer part, plus one with the chance of its fraction. */
  const around = (mean: number) => Math.floor(mean) + (r.chance(mean - Math.floor(mean)) ? 1 : 0);
  // Up to `max` after `from`, never past the window's end (no pile-up on its last day).
  const later = (from: number, max: number) => from + Math.floor(r.next() * Math.max(0, Math.min(max, END - 1 - from)));

  async function opportunity(org: SalesOrganization, big: boolean, wonIds: string[]) {
    if (!w) return;
    const created = org.created + Math.floor(r.next() ** 0.8 * (END - DAY - org.created));
    const id = idAt(r.next, created);
    const closedAt = created + r.int(7, 180) * DAY;
    const roll = r.next();
    // A deal that would close after the window's end is still open.
    const status = closedAt >= END ? 'open' : roll < 0.45 ? 'won' : roll < 0.8 ? 'lost' : 'open';
    const path =
      status === 'open' ? open.slice(0, OPEN_STAGE(r.next) + 1) : status === 'won' ? [...open, won] : [...open.slice(0, r.int(1, open.length)), lost];
    const stage = path[path.length - 1] as Stage;
    const until = status === 'open' ? Math.min(END - DAY, created + r.int(1, 120) * DAY) : closedAt;
    // Stage entries spread between creation and the close (or the last move of a deal still open).
    const entered = path.map((_, i) => (i === 0 ? created : created + Math.floor(((until - created) * i) / (path.length - 1 || 1))));
    const amount = Math.min(500_000_000, Math.round((10_000 * pareto(r, 1.3) * (big ? 5 : 1)) / 100) * 100);
    const deleted = r.chance(0.01);
    const doer = org.own.ownerId;
    await w.opps.push([
      id,
      `${PRODUCTS[PRODUCT(r.next)][0]}${r.pick(DEAL_NAMES)}`,
      org.id,
      pipeline.id,
      stage.id,
      status,
      amount * 100,
      CURRENCY(r.next),
      stage.probability,
      dateOf(created + r.int(30, 150) * DAY),
      status === 'open' ? null : iso(closedAt),
      status === 'lost' ? r.pick(LOST_REASONS) : null,
      status === 'won' ? r.pick(WON_NOTES) : null,
      status === 'open' ? '约客户技术交流' : null,
      null,
      null,
      r.pick(SOURCES),
      iso(entered[entered.length - 1] as number),
      org.own.ownerId,
      org.own.teamId,
      ...audited(iso(created), doer, iso(entered[entered.length - 1] as number), path.length),
      deleted ? iso(until) : null,
      deleted ? doer : null,
    ]);
    counts.opportunities++;
    for (let i = 0; i < path.length; i++) {
      const t = entered[i] as number;
      await w.history.push([idAt(r.next, t), id, (path[i] as Stage).id, iso(t), i + 1 < path.length ? iso(entered[i + 1] as number) : null, doer]);
      counts.stageHistory++;
    }
    if (status === 'won' && !deleted) wonIds.push(id);
  }

  async function order(org: SalesOrganization, big: boolean, wonIds: string[]) {
    if (!w) return;
    // More recent orders than old ones: the business grows over the two years.
    const created = org.created + Math.floor(r.next() ** 0.8 * (END - DAY - org.created));
    const year = new Date(created).getUTCFullYear();
    const number = (counters.get(year) ?? 0) + 1;
    counters.set(year, number);
    const id = idAt(r.next, created);
    const old = END - created > 180 * DAY;
    const roll = r.next();
    let status = old
      ? roll < 0.75
        ? 'completed'
        : roll < 0.9
          ? 'active'
          : roll < 0.98
            ? 'cancelled'
            : 'draft'
      : roll < 0.5
        ? 'active'
        : roll < 0.75
          ? 'completed'
          : roll < 0.87
            ? 'draft'
            : roll < 0.9
              ? 'pending_approval'
              : 'cancelled';
    const signed = status === 'draft' && r.chance(0.7) ? null : later(created, 14 * DAY);
    const activatedAt = status === 'active' || status === 'completed' ? later(signed ?? created, 3 * DAY) : null;

    const lines: unknown[][] = [];
    let total = 0;
    for (let n = r.int(1, 3), i = 1; i <= n; i++) {
      const p = products[PRODUCT(r.next)] as (typeof products)[number];
      const qty = Math.min(5_000, Math.round(pareto(r, 1.2) * (big ? 3 : 1)));
      const unit = Math.round(p.price * (0.85 + 0.3 * r.next()) * 100);
      total += qty * unit;
      lines.push([idAt(r.next, created), id, i, p.id, p.name, String(qty), unit, qty * unit]);
    }

    // The plan: 1–4 installments a month apart that add up to the total to the cent.
    const planned = status !== 'draft' || r.chance(0.3);
    const start = signed ?? created;
    const size = planned ? PLAN_SIZE(r.next) : 0;
    const share = size > 0 ? Math.floor(total / size) : 0;
    const plan: Installment[] = [];
    for (let k = 0; k < size; k++) {
      const amount = k + 1 < size ? share : total - share * (size - 1);
      plan.push({ id: idAt(r.next, created), seq: k + 1, due: start + k * 30 * DAY, amount, paid: 0, paidOn: null });
    }
    // Payments: a completed order was paid in full; an active one paid its due installments mostly on time, the last perhaps in part.
    const payments: { id: string; at: number; amount: number; installment: Installment }[] = [];
    if (status === 'completed' || status === 'active') {
      for (const inst of plan) {
        const at = Math.max(start, inst.due + r.int(-5, 25) * DAY + r.int(0, DAY - 1));
        // Money not received by the end of the window is still open, whatever the order was going to become.
        if (at >= END) {
          status = 'active';
          break;
        }
        const full = status === 'completed' || r.chance(0.75);
        const part = !full && status === 'active' && r.chance(0.2) ? Math.floor(inst.amount / 2) : 0;
        const amount = full ? inst.amount : part;
        if (amount > 0) {
          inst.paid = amount;
          if (full) inst.paidOn = at;
          payments.push({ id: idAt(r.next, at), at, amount, installment: inst });
        }
        if (!full) break;
      }
    }
    const paid = payments.reduce((s, p) => s + p.amount, 0);
    // The payments service completes an order paid in full.
    if (status === 'active' && plan.length > 0 && paid >= total) status = 'completed';
    const deleted = payments.length === 0 && r.chance(0.005);
    const updated = Math.max(created, activatedAt ?? 0, ...payments.map((p) => p.at));
    const currency = CURRENCY(r.next);
    const doer = org.own.ownerId;

    await w.orders.push([
      id,
      formatOrderNumber(year, number),
      r.chance(0.3) ? 'contract' : 'order',
      null,
      wonIds.length > 0 && r.chance(0.4) ? r.pick(wonIds) : null,
      org.id,
      null,
      currency,
      total,
      0,
      0,
      total,
      paid,
      status,
      signed === null ? null : dateOf(signed),
      activatedAt === null ? null : iso(activatedAt),
      null,
      org.own.ownerId,
      org.own.teamId,
      ...audited(iso(created), doer, iso(updated), 1 + payments.length + (activatedAt ? 1 : 0)),
      deleted ? iso(updated) : null,
      deleted ? doer : null,
    ]);
    counts.orders++;
    for (const l of lines) await w.lines.push(l);
    counts.orderLines += lines.length;
    for (const i of plan) {
      await w.installments.push([
        i.id,
        id,
        i.seq,
        dateOf(i.due),
        i.amount,
        i.paid,
        i.paid >= i.amount ? 'paid' : 'open',
        i.paidOn === null ? null : dateOf(i.paidOn),
        null,
      ]);
    }
    counts.installments += plan.length;
    for (const p of payments) {
      await w.payments.push([
        p.id,
        id,
        p.installment.id,
        org.id,
        p.amount,
        currency,
        dateOf(p.at),
        METHOD(r.next),
        r.chance(0.3) ? `HK${String(r.int(1, 99_999_999)).padStart(8, '0')}` : null,
        null,
        org.own.ownerId,
        org.own.teamId,
        ...audited(iso(p.at), doer),
        null,
        null,
      ]);
      await w.allocations.push([p.id, p.installment.id, p.amount]);
    }
    counts.payments += payments.length;
    counts.allocations += payments.length;
  }

  return {
    counts,
    /** The sink to write to; its tables are opened at the first organization, after the customers' (parents flush first). */
    attach(to: Sink) {
      sink = to;
    },
    /** One organization's deals and orders, right after its own row went out. */
    async organization(org: SalesOrganization) {
      if (!w) w = await openTables(sink as Sink);
      const big = org.size >= 20;
      const wonIds: string[] = [];
      const weight = Math.max(1, org.size);
      for (let n = around(weight * dealsPerContact), i = 0; i < n; i++) await opportunity(org, big, wonIds);
      for (let n = around(weight * ordersPerContact), i = 0; i < n; i++) await order(org, big, wonIds);
    },
    /** After the load: the order number counters, so the app's next order number does not collide. */
    async finish(target: Db) {
      for (const [year, last] of counters) await target.insertInto('orderNumberCounters').values({ year, last }).execute();
      return counts;
    },
  };
}

type Writers = Record<'opps' | 'history' | 'orders' | 'lines' | 'installments' | 'payments' | 'allocations', TableWriter>;

async function openTables(sink: Sink): Promise<Writers> {
  return {
    opps: await sink.table('opportunities', OPPORTUNITY_COLUMNS),
    history: await sink.table('opportunity_stage_history', ['id', 'opportunity_id', 'stage_id', 'entered_at', 'left_at', 'moved_by']),
    orders: await sink.table('orders', ORDER_COLUMNS),
    lines: await sink.table('order_lines', ['id', 'order_id', 'line_no', 'product_id', 'description', 'quantity', 'unit_price_minor', 'total_minor']),
    installments: await sink.table('installments', ['id', 'order_id', 'seq', 'due_on', 'amount_minor', 'paid_minor', 'status', 'paid_on', 'reminded_at']),
    payments: await sink.table('payments', PAYMENT_COLUMNS),
    allocations: await sink.table('payment_allocations', ['payment_id', 'installment_id', 'amount_minor']),
  };
}

/** created_at, updated_at, created_by, version — the Audited columns without the delete pair. */
function audited(created: string, by: string | null, updated = created, version = 1) {
  return [created, updated, by, version] as const;
}

const AUDITED = ['created_at', 'updated_at', 'created_by', 'version', 'deleted_at', 'deleted_by'];
const OPPORTUNITY_COLUMNS = [
  'id',
  'name',
  'organization_id',
  'pipeline_id',
  'stage_id',
  'status',
  'amount_minor',
  'currency',
  'probability',
  'expected_close_date',
  'closed_at',
  'close_reason',
  'close_note',
  'next_step',
  'description',
  'lead_id',
  'source',
  'stage_entered_at',
  'owner_id',
  'team_id',
  ...AUDITED,
];
const ORDER_COLUMNS = [
  'id',
  'number',
  'kind',
  'quote_id',
  'opportunity_id',
  'organization_id',
  'contact_id',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'tax_minor',
  'total_minor',
  'paid_minor',
  'status',
  'signed_on',
  'activated_at',
  'notes',
  'owner_id',
  'team_id',
  ...AUDITED,
];
const PAYMENT_COLUMNS = [
  'id',
  'order_id',
  'installment_id',
  'organization_id',
  'amount_minor',
  'currency',
  'received_on',
  'method',
  'reference',
  'notes',
  'owner_id',
  'team_id',
  ...AUDITED,
];
