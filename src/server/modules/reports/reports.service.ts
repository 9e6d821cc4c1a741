import Decimal from 'decimal.js';
import { fromMinor } from '../../../shared/money.js';
import type { ExportLanguage } from '../../../shared/schemas/exports.js';
import { AGING_BUCKETS, type ReportColumn, type SalesReport, type SalesReportKey, type SalesReportQuery } from '../../../shared/schemas/reports.js';
import { isPeriodStart, periodEnd, TARGET_PERIODS, type TargetPeriod } from '../../../shared/schemas/targets.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { assertCan } from '../../platform/permissions.js';
import { regionData } from '../regions/regions.data.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { REGION_NAMES } from './reports.labels.js';
import { type ReportFilters, reportsRepository as repo, type SqlSum } from './reports.repository.js';

const MODULE = 'reports';
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Row = Record<string, string | number | null>;

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const minor = (v: SqlSum) => new D(String(v ?? 0));
const money = (v: Decimal) => fromMinor(v.toFixed(0));
/** a / b × 100 with one decimal, half-up; null when b is 0. */
const percent = (a: Decimal.Value, b: Decimal.Value) => (new D(b).isZero() ? null : new D(a).times(100).div(b).toFixed(1));
const col = (key: string, type: ReportColumn['type']): ReportColumn => ({ key, type });

/** The period [from, to] spans exactly, if it is one month, quarter or year: the target it is compared with. */
function periodOf(from: string, to: string): { period: TargetPeriod; periodStart: string } | undefined {
  for (const period of TARGET_PERIODS) {
    if (isPeriodStart(period, from) && periodEnd(period, from) === addDays(to, 1)) return { period, periodStart: from };
  }
  return undefined;
}

async function filtersOf(ctx: Ctx, q: SalesReportQuery): Promise<ReportFilters> {
  let from = q.from ?? `${new Date().toISOString().slice(0, 4)}-01-01`;
  let to = q.to ?? new Date().toISOString().slice(0, 10);
  if (q.period && q.periodStart) {
    if (!isPeriodStart(q.period, q.periodStart))
      throw badRequest('validation_failed', 'Some fields are invalid', { periodStart: `Not the first day of a ${q.period}` });
    from = q.periodStart;
    to = addDays(periodEnd(q.period, q.periodStart), -1);
  }
  if (from > to) throw badRequest('validation_failed', 'Some fields are invalid', { to: 'Before from' });
  let teamPath: string | undefined;
  if (q.teamId) {
    teamPath = await repo.teamPath(ctx.db, q.teamId);
    if (!teamPath) throw badRequest('validation_failed', 'Some fields are invalid', { teamId: 'No such team' });
  }
  return {
    actor: ctx.actor,
    currency: q.currency,
    from,
    to,
    fromTs: `${from}T00:00:00.000Z`,
    toTs: `${addDays(to, 1)}T00:00:00.000Z`,
    ownerId: q.ownerId,
    teamPath,
    pipelineId: q.pipelineId,
  };
}

const userNames = (ctx: Ctx, rows: { ownerId?: string | null; userId?: string | null }[]) =>
  usersService.namesOf(
    ctx,
    rows.map((r) => r.ownerId ?? r.userId).filter((id): id is string => !!id),
  );

type Builder = (ctx: Ctx, f: ReportFilters, q: SalesReportQuery, lang: ExportLanguage) => Promise<Pick<SalesReport, 'columns' | 'rows' | 'totals'>>;

const funnel: Builder = async (ctx, f, q, lang) => {
  const pipelineId = q.pipelineId ?? (await repo.defaultPipelineId(ctx.db));
  const stages = pipelineId ? await repo.funnel(ctx.db, f, pipelineId) : [];
  const counts = stages.map((s) => Number(s.n));
  // "Reached": an opportunity now in a later open stage, or won, has passed through this one.
  const wonCount = stages.reduce((n, s, i) => n + (s.kind === 'won' ? counts[i] : 0), 0);
  const rows: Row[] = stages.map((s, i) => {
    const amount = minor(s.amount);
    const later = stages.reduce((n, t, j) => n + (j >= i && t.kind === 'open' ? counts[j] : 0), 0);
    return {
      stageId: s.id,
      stage: lang === 'zh-CN' && s.nameZh ? s.nameZh : s.name,
      kind: s.kind,
      count: counts[i],
      reached: s.kind === 'open' ? later + wonCount : counts[i],
      amount: money(amount),
      weighted: money(amount.times(s.probability).div(100).toDecimalPlaces(0)),
    };
  });
  const total = (key: string) => money(rows.reduce((sum, r) => sum.plus(new D(r[key] as string).times(100)), new D(0)));
  return {
    columns: [col('stage', 'text'), col('count', 'count'), col('reached', 'count'), col('amount', 'money'), col('weighted', 'money')],
    rows,
    totals: { count: counts.reduce((a, b) => a + b, 0), amount: total('amount'), weighted: total('weighted'), pipelineId: pipelineId ?? null },
  };
};

const winRate: Builder = async (ctx, f) => {
  const groups = await repo.closedByOwner(ctx.db, f);
  const names = await userNames(ctx, groups);
  let won = new D(0);
  let lost = new D(0);
  let amount = new D(0);
  const rows: Row[] = groups.map((g) => {
    won = won.plus(minor(g.won));
    lost = lost.plus(minor(g.lost));
    amount = amount.plus(minor(g.wonAmount));
    return {
      ownerId: g.ownerId,
      owner: g.ownerId ? (names.get(g.ownerId) ?? null) : null,
      won: Number(g.won),
      lost: Number(g.lost),
      winRate: percent(minor(g.won), minor(g.won).plus(minor(g.lost))),
      wonAmount: money(minor(g.wonAmount)),
    };
  });
  rows.sort((a, b) => String(a.owner ?? '').localeCompare(String(b.owner ?? '')));
  return {
    columns: [col('owner', 'text'), col('won', 'count'), col('lost', 'count'), col('winRate', 'percent'), col('wonAmount', 'money')],
    rows,
    totals: { won: won.toNumber(), lost: lost.toNumber(), winRate: percent(won, won.plus(lost)), wonAmount: money(amount) },
  };
};

const salesCycle: Builder = async (ctx, f) => {
  const groups = await repo.cycleByOwner(ctx.db, f);
  const names = await userNames(ctx, groups);
  let n = new D(0);
  let days = new D(0);
  const avg = (d: Decimal, c: Decimal) => (c.isZero() ? null : d.div(c).toFixed(1));
  const rows: Row[] = groups.map((g) => {
    n = n.plus(Number(g.n));
    days = days.plus(minor(g.days));
    return { ownerId: g.ownerId, owner: g.ownerId ? (names.get(g.ownerId) ?? null) : null, won: Number(g.n), avgDays: avg(minor(g.days), new D(Number(g.n))) };
  });
  rows.sort((a, b) => String(a.owner ?? '').localeCompare(String(b.owner ?? '')));
  return {
    columns: [col('owner', 'text'), col('won', 'count'), col('avgDays', 'days')],
    rows,
    totals: { won: n.toNumber(), avgDays: avg(days, n) },
  };
};

/**
 * Forecast = won + weighted open pipeline. "Won" is the amount of opportunities won (closed) in the
 * period, not order totals (docs/DECISIONS.md): both halves then come from the same deals, and a won
 * deal moves from the weighted half into the won half without being counted twice.
 */
const forecast: Builder = async (ctx, f, q) => {
  const target = q.period && q.periodStart ? { period: q.period, periodStart: q.periodStart } : periodOf(f.from, f.to);
  const [closed, open, targets] = await Promise.all([
    repo.closedByOwner(ctx.db, f),
    repo.weightedByOwner(ctx.db, f),
    target ? repo.targetsOf(ctx.db, f, target.period, target.periodStart) : Promise.resolve([]),
  ]);
  const byOwner = new Map<string | null, { won: Decimal; weighted100: Decimal; target: Decimal | null }>();
  const entry = (id: string | null) => {
    const e = byOwner.get(id) ?? { won: new D(0), weighted100: new D(0), target: null };
    byOwner.set(id, e);
    return e;
  };
  for (const c of closed) entry(c.ownerId).won = minor(c.wonAmount);
  for (const o of open) entry(o.ownerId).weighted100 = minor(o.weighted100);
  for (const t of targets) if (t.subjectType === 'user') entry(t.userId).target = minor(t.amountMinor as SqlSum);
  const names = await userNames(
    ctx,
    [...byOwner.keys()].map((ownerId) => ({ ownerId })),
  );
  const wonOf = (e: { won: Decimal }) => e.won;
  const weightedOf = (e: { weighted100: Decimal }) => e.weighted100.div(100).toDecimalPlaces(0);
  const rows: Row[] = [...byOwner.entries()].map(([ownerId, e]) => {
    const fc = wonOf(e).plus(weightedOf(e));
    return {
      ownerId,
      owner: ownerId ? (names.get(ownerId) ?? null) : null,
      target: e.target ? money(e.target) : null,
      won: money(wonOf(e)),
      weighted: money(weightedOf(e)),
      forecast: money(fc),
      attainment: e.target ? percent(fc, e.target) : null,
    };
  });
  rows.sort((a, b) => String(a.owner ?? '').localeCompare(String(b.owner ?? '')));
  const entries = [...byOwner.values()];
  const won = entries.reduce((s, e) => s.plus(e.won), new D(0));
  // Weighted over everything, divided once: the total is not the sum of rounded rows.
  const weighted = entries
    .reduce((s, e) => s.plus(e.weighted100), new D(0))
    .div(100)
    .toDecimalPlaces(0);
  // The subject's target: the team's own target for a team, the rep's for a rep, else the reps' targets added up.
  const subject =
    q.teamId && !q.ownerId ? targets.filter((t) => t.subjectType === 'team' && t.teamId === q.teamId) : targets.filter((t) => t.subjectType === 'user');
  const goal = subject.length > 0 ? subject.reduce((s, t) => s.plus(minor(t.amountMinor as SqlSum)), new D(0)) : null;
  const fc = won.plus(weighted);
  return {
    columns: [
      col('owner', 'text'),
      col('target', 'money'),
      col('won', 'money'),
      col('weighted', 'money'),
      col('forecast', 'money'),
      col('attainment', 'percent'),
    ],
    rows,
    totals: {
      target: goal ? money(goal) : null,
      won: money(won),
      weighted: money(weighted),
      forecast: money(fc),
      attainment: goal ? percent(fc, goal) : null,
      period: target?.period ?? null,
      periodStart: target?.periodStart ?? null,
    },
  };
};

async function keyNames(ctx: Ctx, groupBy: string, keys: string[], lang: ExportLanguage): Promise<(k: string) => string | null> {
  const zh = lang === 'zh-CN';
  if (groupBy === 'rep')
    return (
      (m) => (k: string) =>
        m.get(k) ?? null
    )(await usersService.namesOf(ctx, keys));
  if (groupBy === 'team')
    return (
      (m) => (k: string) =>
        m.get(k) ?? null
    )(await teamsService.namesOf(ctx, keys));
  if (groupBy === 'product')
    return (
      (m) => (k: string) =>
        m.get(k) ?? null
    )(await repo.productNames(ctx.db, keys));
  if (groupBy === 'province') return (k) => regionData.division(k)?.name[zh ? 'zh' : 'en'] ?? k;
  if (groupBy === 'region') return (k) => REGION_NAMES[k]?.[lang] ?? k;
  return (k) => k;
}

const revenue: Builder = async (ctx, f, q, lang) => {
  const groups = await repo.revenue(ctx.db, f, q.groupBy);
  const keys = groups.map((g) => g.key).filter((k): k is string => !!k);
  const nameOf = await keyNames(ctx, q.groupBy, keys, lang);
  const total = groups.reduce((s, g) => s.plus(minor(g.amount)), new D(0));
  const rows: Row[] = groups.map((g) => ({
    key: g.key,
    name: g.key ? nameOf(g.key) : null,
    orders: Number(g.n),
    amount: money(minor(g.amount)),
    share: percent(minor(g.amount), total),
  }));
  // Months in order; anything else largest first.
  rows.sort((a, b) =>
    q.groupBy === 'month'
      ? String(a.key).localeCompare(String(b.key))
      : new D(b.amount as string).comparedTo(a.amount as string) || String(a.key).localeCompare(String(b.key)),
  );
  return {
    columns: [col('name', 'text'), col('orders', 'count'), col('amount', 'money'), col('share', 'percent')],
    rows,
    // An order with lines of two products counts under both: by product the order counts do not add up.
    totals: { orders: q.groupBy === 'product' ? null : groups.reduce((n, g) => n + Number(g.n), 0), amount: money(total), groupBy: q.groupBy },
  };
};

const newCustomers: Builder = async (ctx, f, _q, lang) => {
  const groups = await repo.newCustomers(ctx.db, f);
  const rows: Row[] = groups.map((g) => ({
    day: g.day,
    province: g.province,
    name: g.province ? (regionData.division(g.province)?.name[lang === 'zh-CN' ? 'zh' : 'en'] ?? g.province) : null,
    count: Number(g.n),
  }));
  return {
    columns: [col('day', 'text'), col('name', 'text'), col('count', 'count')],
    rows,
    totals: { count: rows.reduce((n, r) => n + (r.count as number), 0) },
  };
};

const overdueReceivables: Builder = async (ctx, f) => {
  // As of the last day of the range: an installment due before it and still open is overdue.
  const asOf = f.to;
  const groups = await repo.overdue(ctx.db, f, asOf, { d30: addDays(asOf, -30), d60: addDays(asOf, -60), d90: addDays(asOf, -90) });
  const byBucket = new Map(groups.map((g) => [g.bucket, g]));
  const rows: Row[] = AGING_BUCKETS.map((bucket) => {
    const g = byBucket.get(bucket);
    return { bucket, installments: g ? Number(g.n) : 0, amount: money(minor(g?.amount ?? 0)) };
  });
  return {
    columns: [col('bucket', 'text'), col('installments', 'count'), col('amount', 'money')],
    rows,
    totals: {
      installments: rows.reduce((n, r) => n + (r.installments as number), 0),
      amount: money(groups.reduce((s, g) => s.plus(minor(g.amount)), new D(0))),
      asOf,
    },
  };
};

const BUILDERS: Record<SalesReportKey, Builder> = {
  funnel,
  'win-rate': winRate,
  'sales-cycle': salesCycle,
  forecast,
  revenue,
  'new-customers': newCustomers,
  'overdue-receivables': overdueReceivables,
};

export const reportsService = {
  async run(ctx: Ctx, report: SalesReportKey, q: SalesReportQuery, lang: ExportLanguage = 'en'): Promise<SalesReport> {
    assertCan(ctx.actor, MODULE, 'read');
    if (q.format) assertCan(ctx.actor, MODULE, 'export');
    const f = await filtersOf(ctx, q);
    const built = await BUILDERS[report](ctx, f, q, lang);
    return { report, from: f.from, to: f.to, currency: q.currency, ...built };
  },
};
