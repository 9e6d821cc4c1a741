#!/usr/bin/env node
// Run after `npm install` changes package-lock.json. The npm mirror this project is built with
// serves only linux-x64 builds of platform-specific packages (rollup, biome), so npm writes a lock
// without the other platforms' optional entries, and `npm ci` (npm 11) then refuses the lock.
// This adds those entries with their os/cpu so npm skips them on any other platform, exactly as a
// lock written against the full registry would.
import fs from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const pkgs = lock.packages;
const OS = new Set(['android', 'darwin', 'freebsd', 'linux', 'win32', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony']);

function platformOf(name) {
  const tail = name
    .split('/')
    .pop()
    .replace(/^(rollup|cli)-/, '');
  const [os, cpuRaw, abi] = tail.split('-');
  if (!OS.has(os) || !cpuRaw) return null;
  const cpu = cpuRaw === 'arm' ? 'arm' : cpuRaw;
  const libc = abi?.startsWith('musl') ? ['musl'] : abi?.startsWith('gnu') && os === 'linux' ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    pkgs[key] = { version, ...(meta.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
