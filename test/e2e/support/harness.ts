// e2e harness: builds what the tests need (once, when missing or stale), starts Brook's serve mode
// in-process on a free port with a fresh user-data directory, and launches Chromium (Debian's
// /usr/bin/chromium when present, Playwright's own otherwise).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AppFrame } from '../pages/AppFrame';
import { createCore, createKeyFileSecretBox, createLogger, type Core } from '../../../electron/core';
import { startHttpServer, type RunningServer } from '../../../electron/core/transport/http-server';

export const root = resolve(import.meta.dirname, '../../..');
const rendererIndex = join(root, 'dist/renderer/index.html');
export const screenshotsDir = join(root, 'test-results/screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const stat = statSync(join(dir, String(entry)));
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Builds the renderer if it is missing or older than its sources; the broker if it is missing. */
export function ensureBuilt(): void {
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (!existsSync(rendererIndex) || statSync(rendererIndex).mtimeMs < sources) {
    execFileSync(process.execPath, ['build/build-app.mjs', '--renderer-only'], { cwd: root, stdio: 'inherit' });
  }
  if (!existsSync(join(root, 'dist/broker/cli.js'))) {
    execFileSync(process.execPath, ['build/build-broker.mjs'], { cwd: root, stdio: 'inherit' });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolvePort(port));
    });
  });
}

export interface TestApp {
  url: string;
  core: Core;
  server: RunningServer;
  userDataDir: string;
  sandboxBasePort: number;
  close(): Promise<void>;
}

/** Serve mode in-process, with a fresh user-data directory and a sandbox port far from 9092. */
export async function startApp(options: { seed?: (userDataDir: string) => void } = {}): Promise<TestApp> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'brook-e2e-'));
  options.seed?.(userDataDir);
  const sandboxBasePort = await freePort();
  const logger = createLogger('e2e', (process.env.BROOK_LOG as 'debug' | undefined) ?? 'warn');
  const core = createCore({
    userDataDir,
    secretBox: createKeyFileSecretBox(join(userDataDir, 'secret.key')),
    platform: { mode: 'browser', openPath: async () => false },
    logger,
    version: 'e2e',
    sandboxBasePort,
  });
  const server = await startHttpServer({ core, rendererDir: join(root, 'dist/renderer'), port: 0, logger });
  return {
    url: server.url,
    core,
    server,
    userDataDir,
    sandboxBasePort,
    async close() {
      await core.dispose();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Chromium for a file's tests: launched before them (once what they need is built), closed after. */
export function useBrowser(prepare?: () => void): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    ensureBuilt();
    prepare?.();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet');
    return browser;
  };
}

export interface AppPage {
  page: Page;
  frame: AppFrame;
  /** Console errors and uncaught exceptions so far. */
  problems: string[];
}

/** A new page with Brook open at url, its frame ready. */
export async function openApp(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<AppPage> {
  const { page, problems } = await newPage(browser, colorScheme);
  const frame = new AppFrame(page);
  await frame.open(url);
  return { page, frame, problems };
}

/**
 * Runs body against a fresh app (startApp's, or the one start gives) open in a new page; the test
 * fails if the page logged a problem. The app is closed afterwards, whatever happened.
 */
export async function withApp(
  browser: Browser,
  body: (ui: AppPage, app: TestApp) => Promise<void>,
  options: { start?: () => Promise<TestApp>; colorScheme?: 'light' | 'dark' } = {},
): Promise<void> {
  const app = await (options.start ?? startApp)();
  try {
    const ui = await openApp(browser, app.url, options.colorScheme);
    await body(ui, app);
    assert.deepEqual(ui.problems, []);
  } finally {
    await app.close();
  }
}

/** A page that fails the test on any console error or uncaught exception (e.g. a CSP violation). */
export async function newPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
