import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { ms, percentile } from './measure.js';

/**
 * Load over real HTTP with autocannon. Its own report has p97.5 but no p95, so the latency of every
 * response is collected here and the percentiles worked out from those samples.
 */
export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  /** Completed 2xx requests per second over the run. */
  rps: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** A new body for each request (writes must not collide). */
  body?: () => string;
  /** 1 measures latency (one request at a time); more measures throughput. */
  connections?: number;
  /** A fixed number of requests, or else `duration` seconds. */
  amount?: number;
  duration?: number;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const samples: number[] = [];
  const request = o.body
    ? {
        method: o.method ?? 'POST',
        setupRequest: (req: object) => ({ ...req, body: (o.body as () => string)() }),
      }
    : undefined;
  const instance = autocannon({
    url: o.url,
    method: o.method ?? 'GET',
    headers: { ...(o.body ? { 'content-type': 'application/json' } : {}), ...o.headers },
    connections: o.connections ?? 1,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 5 }),
    ...(request ? { requests: [request] } : {}),
    timeout: 30,
  });
  let failed = 0;
  let firstError = '';
  instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
    if (status >= 200 && status < 300) samples.push(time);
    else if (failed++ === 0) firstError = `HTTP ${status}`;
  });
  const t0 = performance.now();
  const result = await instance;
  const seconds = (performance.now() - t0) / 1000;
  if (failed > 0 || result.errors > 0) throw new Error(`${o.method ?? 'GET'} ${o.url}: ${failed} failed (${firstError}), ${result.errors} errors`);
  samples.sort((a, b) => a - b);
  return {
    p50: ms(percentile(samples, 50)),
    p95: ms(percentile(samples, 95)),
    p99: ms(percentile(samples, 99)),
    rps: Math.round(samples.length / seconds),
    requests: samples.length,
  };
}
