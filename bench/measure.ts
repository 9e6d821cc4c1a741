import { performance } from 'node:perf_hooks';

export interface Stats {
  p50: number;
  p95: number;
  p99: number;
}

export interface TimeOptions {
  runs?: number;
  /** Untimed calls first, so JIT, statement caches and the page cache are warm. */
  warmup?: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Calls `fn` one at a time (never overlapping, so this is latency, not throughput) and returns ms percentiles. */
export async function time(fn: () => unknown, { runs = 200, warmup = 20 }: TimeOptions = {}): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

/** Milliseconds with a precision that suits them: 0.123, 1.23, 12.3, 123. */
export function ms(v: number): number {
  return Number(v.toPrecision(3));
}
