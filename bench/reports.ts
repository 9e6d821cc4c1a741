import { performance } from 'node:perf_hooks';
import { type Stats, time } from './measure.js';

/**
 * The reports case: wall time of a sales report through /api/reports/sales/* as the browser's reports
 * page asks for it, one request at a time, over the generator's whole two-year window (every order of
 * the data set is in range, the heaviest case). Each actor sees the report through their own `reports`
 * scope: the admin all rows, the sales manager their region's teams, the rep their own.
 */

/** The generator's window (bench/generate/random.ts: two years ending 2026-01-01). */
const WINDOW = 'from=2024-01-01&to=2025-12-31&currency=CNY';

export const REPORTS: Record<string, string> = {
  'revenue by province': `/api/reports/sales/revenue?groupBy=province&${WINDOW}`,
  'revenue by month': `/api/reports/sales/revenue?groupBy=month&${WINDOW}`,
  funnel: `/api/reports/sales/funnel?${WINDOW}`,
};

export interface ReportStats extends Stats {
  /** Rows of the report and the order (or opportunity) count it covers, to show it measured real data. */
  rows: number;
  counted: number | null;
}

interface Report {
  rows: unknown[];
  totals: Record<string, unknown>;
}

async function get(base: string, url: string, headers: Record<string, string>): Promise<Report> {
  const res = await fetch(base + url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Report;
}

/** p50/p95/p99 in ms per actor and report, after `warmup` untimed calls. */
export async function reportsCase(
  base: string,
  actors: Record<string, Record<string, string>>,
  { runs = 20, warmup = 3 }: { runs?: number; warmup?: number } = {},
): Promise<Record<string, Record<string, ReportStats>>> {
  const out: Record<string, Record<string, ReportStats>> = {};
  for (const [actor, headers] of Object.entries(actors)) {
    out[actor] = {};
    for (const [name, url] of Object.entries(REPORTS)) {
      const first = await get(base, url, headers);
      const stats = await time(() => get(base, url, headers), { runs, warmup });
      const counted = first.totals.orders ?? first.totals.count ?? null;
      out[actor][name] = {
        p50: round(stats.p50),
        p95: round(stats.p95),
        p99: round(stats.p99),
        rows: first.rows.length,
        counted: typeof counted === 'number' ? counted : null,
      };
    }
  }
  return out;
}

const round = (v: number) => Number(v.toPrecision(3));

/** For a quick look without the whole benchmark: `npx tsx bench/reports.ts <base> <bearer token>`. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const [base, token] = process.argv.slice(2);
  const t0 = performance.now();
  console.log(JSON.stringify(await reportsCase(base, { given: { authorization: `Bearer ${token}` } }), null, 1));
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
