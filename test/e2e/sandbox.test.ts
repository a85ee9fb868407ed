// e2e: one click starts the local sandbox (a real Brook broker as a child process).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClustersPage } from './pages/ClustersPage';
import { SandboxPage } from './pages/SandboxPage';
import { freePort, openApp, root, screenshot, startApp, useBrowser, withApp } from './support/harness';

const browser = useBrowser();

test('start the sandbox with one click and see it running', () =>
  withApp(browser(), async ({ page, frame }, app) => {
    await frame.openSandbox();
    const sandbox = new SandboxPage(page);
    assert.equal(await sandbox.state.getAttribute('data-state'), 'stopped');
    await screenshot(page, 'sandbox-stopped');
    // This harness's host opens no folders: the page says where it is rather than "Opened".
    await sandbox.root.getByRole('button', { name: 'Open data folder' }).click();
    await sandbox.root.getByRole('status').filter({ hasText: `The data folder is ${join(app.userDataDir, 'sandbox', 'data')} on the machine that runs Brook.` }).waitFor();

    await sandbox.start();
    const state = await sandbox.waitForState(['running', 'failed']);
    if (state === 'failed') assert.fail(`sandbox failed: ${await sandbox.root.getByTestId('sandbox-error').innerText()}`);
    const address = await sandbox.address.innerText();
    assert.match(address, /^127\.0\.0\.1:\d+$/);
    assert.ok(Number(address.split(':')[1]) >= app.sandboxBasePort);
    await sandbox.root.getByTestId('sandbox-uptime').waitFor();
    await screenshot(page, 'sandbox-running');
    await frame.openClusters();
    await new ClustersPage(page).row('Local sandbox').waitFor();
    assert.equal(await frame.entries('Local sandbox').count(), 1, 'the rail lists the sandbox once, its profile too');
    assert.equal(await frame.cluster('Local sandbox').count(), 0);
    await frame.openSandbox();

    // The sandbox is a cluster like any other: its overview and brokers come from Metadata.
    await sandbox.open();
    await page.getByTestId('overview').waitFor({ timeout: 15_000 });
    assert.equal(await frame.entries('Local sandbox').getAttribute('aria-current'), 'page', 'its rail entry says where you are');
    await screenshot(page, 'cluster-overview');
    await frame.openSection('Brokers');
    const brokers = page.getByTestId('brokers-table');
    await brokers.waitFor({ timeout: 15_000 });
    await brokers.locator('[role="row"][data-row-id="1"]').waitFor();
    assert.match(await brokers.innerText(), new RegExp(`127\\.0\\.0\\.1:${address.split(':')[1]}`));
    await screenshot(page, 'cluster-brokers');
    await frame.openSection('Topics');
    await screenshot(page, 'cluster-topics');

    await frame.openSandbox();
    await sandbox.stop();
    await sandbox.waitForState(['stopped']);
  }));

test('a sandbox data folder locked by another broker is explained, with what to do', async () => {
  const app = await startApp();
  const dataDir = join(app.userDataDir, 'sandbox', 'data');
  mkdirSync(dataDir, { recursive: true });
  const other = spawn(process.execPath, [join(root, 'dist/broker/cli.js'), '--port', String(await freePort()), '--host', '127.0.0.1', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      other.stdout.on('data', (d: Buffer) => /listening on/.test(String(d)) && resolve());
      other.once('exit', (code) => reject(new Error(`other broker exited ${code}`)));
    });
    const { page, frame, problems } = await openApp(browser(), app.url);
    await frame.openSandbox();
    const sandbox = new SandboxPage(page);
    await sandbox.start();
    assert.equal(await sandbox.waitForState(['running', 'failed']), 'failed');
    const error = sandbox.root.getByTestId('sandbox-error');
    assert.equal(await error.getAttribute('data-code'), 'SANDBOX_DATA_LOCKED');
    const text = await error.innerText();
    assert.match(text, new RegExp(`in use by another broker \\(pid ${other.pid}\\)`));
    assert.match(text, /then press Start again/);
    await screenshot(page, 'sandbox-failed-locked');
    assert.deepEqual(problems, []);
  } finally {
    other.kill('SIGTERM');
    await new Promise((r) => other.once('exit', r));
    await app.close();
  }
});

test('a sandbox broker that crashes: the screen says how, and Brook restarts it', () =>
  withApp(browser(), async ({ page, frame }, app) => {
    await frame.openSandbox();
    const sandbox = new SandboxPage(page);
    await sandbox.start();
    assert.equal(await sandbox.waitForState(['running', 'failed']), 'running');
    const address = await sandbox.address.innerText();
    // A line in its log (a request too short for a header closes its connection, saying so), then a crash.
    const socket = connect(Number(address.split(':')[1]), '127.0.0.1');
    socket.end(Buffer.from([0, 0, 0, 2, 0, 0]));
    await new Promise((r) => socket.once('close', r));
    const pid = Number(readFileSync(join(app.userDataDir, 'sandbox', 'broker.pid'), 'utf8'));
    process.kill(pid, 'SIGSEGV');

    const exit = sandbox.root.getByTestId('sandbox-exit');
    await exit.waitFor({ timeout: 15_000 });
    assert.equal(await exit.getAttribute('data-signal'), 'SIGSEGV');
    assert.match(await exit.innerText(), /stopped unexpectedly at .* \(signal SIGSEGV \(segmentation fault\)\)/);
    await sandbox.waitForState(['running'], 30_000);
    assert.equal(await sandbox.address.innerText(), address, 'back on the same address');
    await sandbox.root.getByTestId('sandbox-restarts').filter({ hasText: 'Brook restarted it.' }).waitFor();
    await exit.locator('summary').click();
    assert.match(await exit.getByTestId('sandbox-exit-log').innerText(), /too short for a header/);
    await screenshot(page, 'sandbox-restarted-after-crash');

    await sandbox.stop();
    await sandbox.waitForState(['stopped']);
    assert.equal(await exit.count(), 0, 'a requested stop clears it');
  }));
