// `npm start`: launch the desktop app when Electron can start here; otherwise say which thing is
// missing and why, in one line, and fall back to serve mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runServe } from './transport/serve-cli';

export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: string };

export function checkElectron(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronCheck {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: "Electron's binary was not downloaded (node_modules/electron/path.txt is missing: the download failed or was skipped)" };
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { ok: false, reason: `Electron's binary is missing at ${binary}` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { ok: true, binary };
}

export async function launch(argv: string[]): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const check = checkElectron();
  if (check.ok) {
    const child = spawn(check.binary, [join(here, 'main.mjs'), ...argv], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(`Electron cannot start: ${check.reason}. Starting Brook in serve mode instead; open the address below in a browser.`);
  await runServe(argv);
}
