import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** The app and the baseline each run in a process of their own, as in production, never inside the load generator. */
export interface Running {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of `readyPath`. */
  coldStartMs: number;
  /**
   * Resident set size now and its peak since start, in MB (from /proc), with the part that is the
   * process's own memory (anon: heap, caches) apart from mapped files (SQLite's mmap of the database).
   */
  rss(): { now: number; peak: number; anon: number; file: number };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function procStatus(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

export async function start(args: string[], env: Record<string, string>, readyPath: string, timeoutMs = 60_000): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before answering:\n${stderr}`);
    if (performance.now() - t0 > timeoutMs) {
      child.kill();
      throw new Error(`${args.join(' ')} did not answer ${readyPath} within ${timeoutMs} ms:\n${stderr}`);
    }
    const ok = await fetch(url + readyPath).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = Math.round(performance.now() - t0);
  const pid = child.pid as number;
  return {
    url,
    pid,
    coldStartMs,
    rss: () => ({ now: procStatus(pid, 'VmRSS'), peak: procStatus(pid, 'VmHWM'), anon: procStatus(pid, 'RssAnon'), file: procStatus(pid, 'RssFile') }),
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
