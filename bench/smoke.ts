/**
 * npm run bench:smoke: the CI smoke run. 10k on SQLite in a scratch file, few requests, no web build;
 * it must finish and write bench/results/10k-sqlite-smoke.json. No thresholds: CI is a noisy shared box.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-smoke-'));
const db = `sqlite:${path.join(dir, '10k.db')}`;
const tsx = (script: string, args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status ?? r.signal})`);
};
try {
  tsx('bench/generate/index.ts', ['--scale', '10k', '--db', db]);
  tsx('bench/run.ts', ['--scale', '10k', '--db', db, '--quick', '--skip-web', '--import-rows', '2000', '--out', 'bench/results/10k-sqlite-smoke.json']);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
