// e2e: `npm run serve`'s bundle as a user runs it: prints the URL, answers 401 without the token,
// serves the UI, and on Ctrl-C stops the sandbox broker before exiting.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SandboxPage } from './pages/SandboxPage';
import { freePort, openApp, root, useBrowser } from './support/harness';

const browser = useBrowser(() => execFileSync(process.execPath, ['build/build-app.mjs', '--node-only'], { cwd: root, stdio: 'inherit' }));

test('npm run serve: URL with token, 401 without it, Ctrl-C stops the sandbox', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'brook-serve-'));
  const child = spawn(process.execPath, ['dist/app/serve.mjs', '--port', '0', '--user-data-dir', userDataDir, '--sandbox-port', String(await freePort())], {
    cwd: root,
    env: { ...process.env, BROOK_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const match = /Brook is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}`)));
    });
    const bare = url.replace(/\?token=.*/, '');
    assert.equal((await fetch(bare)).status, 401);
    assert.equal((await fetch(url)).status, 200);

    const { page, frame, problems } = await openApp(browser(), url);
    await frame.openSandbox();
    const sandbox = new SandboxPage(page);
    await sandbox.start();
    assert.equal(await sandbox.waitForState(['running', 'failed']), 'running');
    const status = (await page.evaluate(() => document.querySelector('[data-testid="sandbox-address"]')?.textContent)) ?? '';
    assert.match(status, /^127\.0\.0\.1:\d+$/);
    const brokerPort = Number(status.split(':')[1]);

    child.kill('SIGINT');
    assert.equal(await exited, 0);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: brokerPort });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    assert.ok(refused, 'the sandbox broker stopped with serve');
    assert.deepEqual(problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(p)), []);
  } finally {
    child.kill('SIGKILL');
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
