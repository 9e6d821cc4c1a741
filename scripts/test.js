#!/usr/bin/env node
// `npm test`: every check CI runs, in order, then one summary line. A step that fails does not stop
// the others, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '.'] },
  { name: 'server (SQLite)', cmd: ['npx', 'vitest', 'run', '--project', 'server'], env: { DATABASE_URL: '' } },
  { name: 'server (PostgreSQL)', cmd: ['npx', 'vitest', 'run', '--project', 'server'], env: { DATABASE_URL: PG_URL } },
  { name: 'web build', cmd: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  { name: 'browser (Chromium)', cmd: ['npx', 'vitest', 'run', '--project', 'e2e'] },
].filter((s) => only.length === 0 || only.some((o) => s.name.toLowerCase().includes(o.toLowerCase())));

const results = [];
for (const step of steps) {
  process.stdout.write(`\n━━ ${step.name} ━━\n`);
  const started = Date.now();
  const env = { ...process.env, ...step.env };
  if (step.env?.DATABASE_URL === '') delete env.DATABASE_URL;
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  results.push({ name: step.name, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const failed = results.filter((r) => !r.ok);
process.stdout.write(`\n${results.map((r) => `${r.ok ? '✔' : '✘'} ${r.name} (${r.seconds}s)`).join('\n')}\n`);
process.stdout.write(
  failed.length === 0
    ? `\nSUMMARY: all ${results.length} checks passed\n`
    : `\nSUMMARY: ${failed.length} of ${results.length} checks failed: ${failed.map((f) => f.name).join(', ')}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
