/**
 * npx tsx bench/table.ts [scale-dialect …]: the results table of BENCHMARKS.md, in Markdown, from
 * bench/results/*.json (default: 10k and 1M on SQLite and PostgreSQL), so the document is never
 * retyped by hand.
 */
import fs from 'node:fs';

interface Stats {
  p50: number;
  p95: number;
  rps?: number;
}
interface Result {
  scale: string;
  dialect: string;
  machine: { loadAvg1m: number };
  dataset: { listVisible: number | null; deepPage: number; orders?: number; opportunities?: number };
  summary: Record<string, number | string | null>;
  results: Record<string, Stats & { page?: Stats; call?: Stats }>;
  resources: { rssMB: { now: number; anon: number }; coldStartMs: number; web: { initialJsGzipKB: number; largestLazyChunk: { gzipKB: number } } | null };
  import?: { rows: number; pipelineRowsPerSecond: number; rawRowsPerSecond: number; ratio: number } | null;
}

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['10k-sqlite', '1m-sqlite', '10k-postgres', '1m-postgres'];
const runs = names.map((n) => JSON.parse(fs.readFileSync(new URL(`./results/${n}.json`, import.meta.url), 'utf8')) as Result);
const label = (r: Result) => `${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${r.scale}`;
const find = (r: Result, prefix: string) => Object.entries(r.results).find(([k]) => k.startsWith(prefix)) ?? [prefix, undefined];
const pair = (s?: Stats) => (s ? `${s.p50} / ${s.p95}` : '—');
/** bench/reports.ts: p95 per actor of one report ('—' for runs made before it existed). */
const reportP95 = (r: Result, report: string) => {
  const all = r.results.reports as unknown as Record<string, Record<string, Stats>> | undefined;
  return all ? ['admin', 'manager', 'rep'].map((a) => all[a]?.[report]?.p95 ?? '—').join(' / ') : '—';
};

const rows: [string, (r: Result) => string | number, string][] = [
  ['load average at start', (r) => r.machine.loadAvg1m, ''],
  ['list first page p50 / p95', (r) => pair(r.results['list first page']), 'p95 ≤ 20'],
  [
    'list deep page p50 / p95 (page)',
    (r) => {
      const [k, v] = find(r, 'list page');
      return `${pair(v)} (${k.replace('list page ', '')})`;
    },
    'p95 ≤ 20',
  ],
  ['users list p50 / p95', (r) => pair(r.results['users list first page']), ''],
  ...(['chinese', 'initials', 'pinyin', 'english', 'phone'] as const).map(
    (kind) =>
      [
        `search ${kind} p50 / p95`,
        (r: Result) => {
          const [k, v] = find(r, `search ${kind}`);
          return v ? `${pair(v)} ${k.slice(`search ${kind} `.length)}` : '—';
        },
        'p95 ≤ 30',
      ] as [string, (r: Result) => string, string],
  ),
  ['detail page p50 / p95', (r) => pair(r.results.detail.page), 'p95 ≤ 15'],
  ['detail single call p95', (r) => r.results.detail.call?.p95 ?? '—', ''],
  ['orders / opportunities in the data set', (r) => (r.dataset.orders === undefined ? '—' : `${r.dataset.orders} / ${r.dataset.opportunities}`), ''],
  ...['revenue by province', 'revenue by month', 'funnel'].map(
    (k) => [`report ${k} p95 (admin / manager / rep)`, (r: Result) => reportP95(r, k), '≤ 500'] as [string, (r: Result) => string, string],
  ),
  ['write p50 / p95', (r) => pair(r.results['write latency']), 'p95 ≤ 10'],
  ['write req/s (4 conn.)', (r) => r.results['write throughput'].rps ?? '—', ''],
  ['GET by id req/s', (r) => r.results['get by id'].rps ?? '—', ''],
  ['bare Fastify req/s', (r) => r.results['bare fastify'].rps ?? '—', ''],
  ['GET by id ÷ bare', (r) => r.summary['get by id / bare'] ?? '—', '≥ 0.40'],
  ['server RSS after load, MB (anon)', (r) => `${r.resources.rssMB.now} (${r.resources.rssMB.anon})`, '≤ 300'],
  ['cold start, ms', (r) => r.resources.coldStartMs, '≤ 1500'],
  ['initial web JS, gzip KB', (r) => r.resources.web?.initialJsGzipKB ?? '—', '≤ 500'],
  ['largest lazy chunk, gzip KB', (r) => r.resources.web?.largestLazyChunk.gzipKB ?? '—', ''],
  ['import rows/s (rows)', (r) => (r.import ? `${r.import.pipelineRowsPerSecond} (${r.import.rows})` : '—'), '≥ 50000'],
  ['raw insert rows/s; import ÷ raw', (r) => (r.import ? `${r.import.rawRowsPerSecond}; ${r.import.ratio}` : '—'), '≥ 0.25'],
];

console.log(`| figure | ${runs.map(label).join(' | ')} | target |`);
console.log(`|---|${runs.map(() => '---:|').join('')}---|`);
for (const [name, get, target] of rows) console.log(`| ${name} | ${runs.map(get).join(' | ')} | ${target} |`);
console.log(`\nRows the rep sees with the list filter: ${runs.map((r) => `${label(r)} ${r.dataset.listVisible}`).join(', ')}.`);
