// `npm run dev`: the API server restarted on change (tsx watch) and Vite's dev server with hot reload,
// which proxies /api to it (vite.config.ts). Ctrl+C stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = (pkg, file) => path.resolve('node_modules', pkg, file);
const children = [
  spawn(process.execPath, [bin('tsx', 'dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/server/cli.ts', 'serve', '--demo-if-empty'], {
    stdio: 'inherit',
  }),
  spawn(process.execPath, [bin('vite', 'bin/vite.js')], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    if (code) process.exitCode = code;
    stop();
  });
