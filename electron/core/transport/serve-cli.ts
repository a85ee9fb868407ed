// `npm run serve -- --port 8080 [--host 127.0.0.1] [--user-data-dir DIR] [--sandbox-port 9092]`:
// Brook in a browser. Secrets are sealed with a key file (see secrets.ts) and the UI says so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Platform } from '../context';
import { createCore } from '../index';
import { createLogger } from '../logger';
import { defaultUserDataDir } from '../paths';
import { createKeyFileSecretBox } from '../secrets';
import { startHttpServer } from './http-server';

export async function runServe(argv: string[], version = '0.1.0'): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'user-data-dir': { type: 'string' },
      'sandbox-port': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
  });
  const chosen = values.port ?? process.env.PORT;
  const port = Number(chosen ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
    process.exit(2);
  }
  const host = values.host ?? '127.0.0.1';
  const logger = createLogger('brook');
  const userDataDir = values['user-data-dir'] ?? defaultUserDataDir();
  const rendererDir = values['renderer-dir'] ?? findRendererDir();
  const platform: Platform = { mode: 'browser', openPath: openWithOs };
  const core = createCore({
    userDataDir,
    secretBox: createKeyFileSecretBox(join(userDataDir, 'secret.key')),
    platform,
    logger,
    version,
    ...(values['sandbox-port'] ? { sandboxBasePort: Number(values['sandbox-port']) } : {}),
  });
  let server;
  // A port you chose is used or refused; the default (8080) moves to the next free one and says so.
  for (let candidate = port; !server; candidate++) {
    try {
      server = await startHttpServer({ core, rendererDir, host, port: candidate, logger });
      if (candidate !== port) console.log(`Port ${port} is in use, so Brook uses ${candidate}.`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && chosen === undefined && candidate < port + 20) continue;
      console.error(code === 'EADDRINUSE' ? `Port ${candidate} on ${host} is in use: choose another with --port` : `Brook could not listen on ${host}:${candidate}: ${(error as Error).message}`);
      await core.dispose();
      process.exit(1);
    }
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.warn(`Warning: listening on ${host}, reachable from other machines; anyone with the token can use your clusters.`);
  }
  console.log(`Brook is running at ${server.url}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: stopping`);
    await core.dispose();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** dist/renderer, found from this file upward. */
export function findRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'dist', 'renderer'), join(dir, 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'renderer');
}

/** Opens a folder in the OS file manager (core asks only for a browser on this machine). */
function openWithOs(path: string): Promise<boolean> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolveOpen) => {
    try {
      const child = spawn(command, [path], { detached: true, stdio: 'ignore' });
      child.once('error', () => resolveOpen(false));
      child.once('spawn', () => {
        child.unref();
        resolveOpen(true);
      });
    } catch {
      resolveOpen(false);
    }
  });
}
