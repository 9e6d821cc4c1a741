// Bundles the server (src/server/cli.ts and everything it imports from src/) into dist/server/cli.js.
// npm packages stay external: they load from node_modules as usual, native better-sqlite3 included.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildServer(esbuild, root) {
  const outfile = path.join(root, 'dist/server/cli.js');
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'src/server/cli.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // Rename last, so a second process starting at the same time never imports a half-written file.
  fs.renameSync(tmp, outfile);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuild = await import('esbuild');
  await buildServer(esbuild, path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
