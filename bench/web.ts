import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The web app's weight as a browser meets it: the initial JavaScript is what index.html loads before
 * anything renders (its module script and modulepreloads), gzipped as the server would send it; every
 * other chunk is lazy (a route or panel loaded on demand), and the largest of them is reported.
 */
export interface WebSize {
  initialJsGzipKB: number;
  initialFiles: number;
  largestLazyChunk: { file: string; gzipKB: number };
  buildSeconds: number | null;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;

/** Builds into a temporary directory (never dist/) unless `dist` names an existing build. */
export function webSize(dist?: string): WebSize {
  let dir = dist;
  let buildSeconds: number | null = null;
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-web-'));
    const t0 = Date.now();
    const vite = path.resolve('node_modules/vite/bin/vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
    buildSeconds = Math.round((Date.now() - t0) / 100) / 10;
  }
  try {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const initial = new Set<string>();
    for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) {
      initial.add((m[1] ?? m[2]).replace(/^\//, ''));
    }
    const assets = path.join(dir, 'assets');
    const all = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    let largest = { file: '', gzipKB: 0 };
    let initialBytes = 0;
    for (const f of all) {
      const size = gz(path.join(assets, f));
      if (initial.has(`assets/${f}`)) initialBytes += size;
      else if (kb(size) > largest.gzipKB) largest = { file: f, gzipKB: kb(size) };
    }
    if (initial.size === 0) throw new Error(`No module scripts found in ${dir}/index.html`);
    return { initialJsGzipKB: kb(initialBytes), initialFiles: initial.size, largestLazyChunk: largest, buildSeconds };
  } finally {
    if (!dist) fs.rmSync(dir, { recursive: true, force: true });
  }
}
