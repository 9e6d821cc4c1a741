// Bundles the server (src/server/cli.ts and everything it imports from src/) into dist/server/cli.js.
// npm packages stay external: they load from node_modules as usual, native better-sqlite3 included.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildServer(esbuild, root) {
  const outfile = path.join(root, 'dist/server/cli.js');
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/server/cli.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A map file beside the bundle, read only under `node --enable-source-maps`: an inline map made the
    // bundle 4 MB, and Node parsing it at every start cost ~0.15 s of CPU (BENCHMARKS.md, finding 8).
    // Unminified, the bundle's own stack traces stay readable without it.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // Which sources the bundle was built from, so bin/guanxi.js checks just these for changes.
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  fs.writeFileSync(`${outfile}.inputs.json`, JSON.stringify(inputs.map((f) => path.relative(root, path.resolve(f)))));
  // Rename last, so a second process starting at the same time never imports a half-written file.
  // The map keeps the temporary name in its sourceMappingURL comment, so it gets that name too.
  fs.renameSync(`${tmp}.map`, `${outfile}.map`);
  const code = fs.readFileSync(tmp, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '//# sourceMappingURL=cli.js.map\n');
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, outfile);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuild = await import('esbuild');
  await buildServer(esbuild, path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
