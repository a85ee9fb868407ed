// npm install's last step. Electron is an optional dependency because its own install script
// downloads the Electron binary from GitHub, and where that cannot be reached the whole install
// used to fail. npm drops an optional dependency whose install script fails; this puts its package
// back without the script, so main.ts and preload.ts still type-check against Electron's API and
// `npm start` can say why it runs Brook in serve mode instead of a window.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

if (!existsSync('node_modules/electron/package.json')) {
  const { optionalDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
  const spec = `electron@${optionalDependencies.electron}`;
  console.log(`Electron's binary could not be downloaded; installing ${spec} without it (npm start will run Brook in serve mode).`);
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const r = spawnSync(cmd, [...args, 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', spec], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
