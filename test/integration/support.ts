// Helpers for core integration tests: a core on a fresh user-data directory, free ports, and
// small servers that are not Kafka (HTTP, silent TCP, TLS with a self-signed certificate).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { createCore, createKeyFileSecretBox, createLogger, type Caller, type Core, type Platform } from '../../electron/core';

export const root = resolve(import.meta.dirname, '../..');
export const brokerCli = join(root, 'dist/broker/cli.js');

export function ensureBroker(): void {
  if (!existsSync(brokerCli)) execFileSync(process.execPath, ['build/build-broker.mjs'], { cwd: root, stdio: 'inherit' });
}

export interface TestCore {
  core: Core;
  dir: string;
  call(channel: string, input?: unknown, caller?: Caller): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; hint?: string; fields?: Record<string, string> } }>;
  /** Runs a stream as one window would: its own session, every chunk acknowledged once `onChunk` returns. */
  stream<T = unknown>(name: string, input: unknown, onChunk?: (chunk: T) => void | Promise<void>): StreamRun<T>;
  /** Watches a subscription as one window would, acknowledging each update once `onUpdate` returns. */
  watch<T = unknown>(name: string, input: unknown, onUpdate?: (update: T) => void | Promise<void>): WatchRun<T>;
  close(): Promise<void>;
}

export interface WatchRun<T> {
  updates: T[];
  /** Set when core ended the watch, with its reason. */
  error?: { code: string; message: string };
  end(): void;
}

type CallResult = Awaited<ReturnType<TestCore['call']>>;

export interface StreamRun<T> {
  chunks: T[];
  progress: unknown[];
  /** The stream's end: its summary, or its error (CANCELLED after cancel). */
  done: Promise<CallResult>;
  cancel(): void;
}

export function makeCore(options: { dir?: string; sandboxBasePort?: number; openPath?: Platform['openPath'] } = {}): TestCore {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'brook-core-'));
  const core = createCore({
    userDataDir: dir,
    secretBox: createKeyFileSecretBox(join(dir, 'secret.key')),
    platform: { mode: 'browser', openPath: options.openPath ?? (async () => false) },
    logger: createLogger('test', process.env.BROOK_LOG ? undefined : 'silent'),
    ...(options.sandboxBasePort ? { sandboxBasePort: options.sandboxBasePort } : {}),
    brokerCli,
  });
  return {
    core,
    dir,
    call: (channel, input, caller) => core.registry.dispatch(channel, input, caller) as ReturnType<TestCore['call']>,
    stream<T>(name: string, input: unknown, onChunk?: (chunk: T) => void | Promise<void>) {
      const run = { chunks: [] as T[], progress: [] as unknown[] } as StreamRun<T>;
      let end!: (result: CallResult) => void;
      run.done = new Promise((resolve) => (end = resolve));
      const session = core.openSession((m) => {
        if (m.type === 'stream:chunk') {
          run.chunks.push(m.chunk as T);
          void Promise.resolve(onChunk?.(m.chunk as T)).then(() => session.handle({ type: 'stream:ack', id: m.id, count: 1 }));
        }
        if (m.type === 'stream:progress') run.progress.push(m.progress);
        if (m.type === 'stream:end') {
          end(m.result as CallResult);
          session.close();
        }
      });
      session.handle({ type: 'stream:start', id: 1, name, input });
      run.cancel = () => session.handle({ type: 'stream:cancel', id: 1 });
      return run;
    },
    watch<T>(name: string, input: unknown, onUpdate?: (update: T) => void | Promise<void>) {
      const run: WatchRun<T> = { updates: [], end: () => session.close() };
      const session = core.openSession((m) => {
        if (m.type === 'watch:update') {
          run.updates.push(m.update as T);
          void Promise.resolve(onUpdate?.(m.update as T)).then(() => session.handle({ type: 'watch:ack', id: m.id }));
        }
        if (m.type === 'watch:end') run.error = m.error;
      });
      session.handle({ type: 'watch:start', id: 1, name, input });
      return run;
    },
    async close() {
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

const openSockets = new WeakMap<object, Set<Socket>>();

/** Listens on a free port on 127.0.0.1, tracking connections so close() can end them. */
export async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  const sockets = new Set<Socket>();
  openSockets.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as { port: number }).port;
}

export function close(server: { close(cb?: () => void): unknown }): Promise<void> {
  for (const socket of openSockets.get(server) ?? []) socket.destroy();
  return new Promise((r) => server.close(() => r()));
}

/** A self-signed certificate for "localhost" (needs openssl), written to a temp folder. */
export function selfSignedCert(): { dir: string; cert: string; key: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'brook-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  return { dir, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile };
}

export { createHttpServer, createServer, createTlsServer };
