#!/usr/bin/env node
// The server is TypeScript. Compiling it on every start (tsx) cost seconds of cold start (BENCHMARKS.md,
// finding 8), so the CLI runs a bundle in dist/server, rebuilt with esbuild (about a second) whenever a
// source file is newer than it. Without esbuild (a production install without dev packages and no
// bundle) it falls back to compiling on the fly with tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/server/cli.js');
const sources = [path.join(root, 'src/server'), path.join(root, 'src/shared')];

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The sources the bundle was built from (written by the build), or null for an older bundle. */
function bundleInputs() {
  try {
    return JSON.parse(fs.readFileSync(`${bundle}.inputs.json`, 'utf8')).map((f) => path.join(root, f));
  } catch {
    return null;
  }
}

function bundleIsFresh() {
  if (!fs.existsSync(bundle)) return false;
  if (!fs.existsSync(sources[0])) return true;
  const built = fs.statSync(bundle).mtimeMs;
  // Checking only the bundle's own inputs spares a walk of the whole tree at every start. A new file
  // matters only once an input imports it, and that input is then newer than the bundle.
  const inputs = bundleInputs();
  if (inputs) return inputs.every((f) => (fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY) <= built);
  return sources.every((dir) => !fs.existsSync(dir) || newestSource(dir) <= built);
}

async function buildBundle() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const { buildServer } = await import('../scripts/build-server.mjs');
  await buildServer(esbuild, root);
  return true;
}

if (bundleIsFresh() || (await buildBundle())) {
  // Source maps are not turned on here: parsing the bundle's map cost ~0.15 s of every start. Stack
  // traces name the bundle's (unminified) lines; NODE_OPTIONS=--enable-source-maps maps them to src/.
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
}
