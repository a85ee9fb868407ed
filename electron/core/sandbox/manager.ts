// The local sandbox: the Brook broker as a child process (off the thread that serves the UI; a
// crash cannot take the app down), on 127.0.0.1:9092 or the next free port, data under the user
// data directory, registered as the "Local sandbox" cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrookError, type ErrorCode } from '../../../shared/errors';
import type { SandboxStatus } from '../../../shared/model';
import type { Emit } from '../context';
import type { Logger } from '../logger';
import type { ClusterStore } from '../clusters/store';
import { SANDBOX_CLUSTER_ID } from '../clusters/store';
import { DemoTraffic } from './demo';
import { findFreePort } from './ports';
import { BROKER_NODE_FLAGS, brokerEnv } from '../../broker/broker-process';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface SandboxOptions {
  userDataDir: string;
  store: ClusterStore;
  emit: Emit;
  logger: Logger;
  basePort?: number;
  brokerCli?: string;
}

type SandboxError = NonNullable<SandboxStatus['error']>;

export class SandboxManager {
  private status: SandboxStatus;
  private child: ChildProcess | undefined;
  private demo: DemoTraffic | undefined;
  private busy: Promise<unknown> = Promise.resolve();
  private lastDemoEmit = 0;
  private readonly basePort: number;
  private readonly cli: string | undefined;

  constructor(private readonly options: SandboxOptions) {
    this.basePort = options.basePort ?? 9092;
    this.cli = options.brokerCli ?? findBrokerCli();
    this.status = {
      state: 'stopped',
      host: HOST,
      port: null,
      bootstrap: null,
      startedAt: null,
      pid: null,
      dataDir: join(options.userDataDir, 'sandbox', 'data'),
      demo: false,
      notice: null,
      error: null,
      demoEvents: 0,
    };
  }

  get(): SandboxStatus {
    return { ...this.status };
  }

  /** Runs one operation at a time (start, stop, reset never interleave). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private set(patch: Partial<SandboxStatus>): SandboxStatus {
    this.status = { ...this.status, ...patch };
    this.options.emit('sandbox:status', this.get());
    return this.get();
  }

  start(demo?: boolean): Promise<SandboxStatus> {
    return this.serial(() => this.doStart(demo ?? this.status.demo));
  }

  stop(): Promise<SandboxStatus> {
    return this.serial(() => this.doStop());
  }

  restart(): Promise<SandboxStatus> {
    return this.serial(async () => {
      await this.doStop();
      return this.doStart(this.status.demo);
    });
  }

  reset(): Promise<SandboxStatus> {
    return this.serial(async () => {
      if (this.status.error?.code === 'SANDBOX_DATA_LOCKED') {
        // Never delete files another broker is using.
        throw new BrookError({ code: 'SANDBOX_DATA_LOCKED', message: 'The data folder is in use by another broker, so it cannot be reset', hint: this.status.error.hint ?? 'Stop the other broker first.' });
      }
      const wasRunning = this.status.state === 'running';
      await this.doStop();
      rmSync(this.status.dataDir, { recursive: true, force: true });
      this.set({ demoEvents: 0, notice: 'Sandbox data deleted.' });
      return wasRunning ? this.doStart(this.status.demo) : this.get();
    });
  }

  setDemo(enabled: boolean): Promise<SandboxStatus> {
    return this.serial(async () => {
      this.set({ demo: enabled });
      if (this.status.state !== 'running') return this.get();
      if (enabled) await this.startDemo();
      else await this.stopDemo();
      return this.get();
    });
  }

  private async doStart(demo: boolean): Promise<SandboxStatus> {
    if (this.status.state === 'running') return this.get();
    this.set({ state: 'starting', demo, error: null, notice: null, startedAt: null, pid: null });
    if (!this.cli || !existsSync(this.cli)) {
      return this.fail('SANDBOX_NOT_BUILT', {
        message: 'The sandbox broker is not built',
        hint: 'Run "npm run build:broker" (npm start does it for you), then press Start again.',
        detail: `looked for ${this.cli ?? 'dist/broker/cli.js'}`,
      });
    }
    mkdirSync(this.status.dataDir, { recursive: true });

    let from = this.basePort;
    let orphanNotice: string | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      let port: number;
      try {
        port = await findFreePort(HOST, from);
      } catch (error) {
        return this.fail('SANDBOX_FAILED', { message: (error as Error).message, hint: 'Free a port or stop other brokers, then press Start.' });
      }
      const moved = port !== this.basePort ? `Port ${this.basePort} is in use, so the sandbox listens on ${port}.` : null;
      const notice = [orphanNotice, moved].filter(Boolean).join(' ') || null;
      const outcome = await this.spawnBroker(port);
      if (outcome.ok) {
        const bootstrap = `${HOST}:${outcome.port}`;
        this.writePidFile(this.child?.pid);
        this.registerCluster(bootstrap);
        this.set({ state: 'running', port: outcome.port, bootstrap, startedAt: new Date().toISOString(), pid: this.child?.pid ?? null, notice });
        if (demo) await this.startDemo();
        return this.get();
      }
      if (outcome.portTaken) {
        from = port + 1; // another process took it between our probe and the broker's bind
        continue;
      }
      // A broker an earlier Brook left running (it was killed, not closed) holds the data: stop it.
      if (outcome.code === 'SANDBOX_DATA_LOCKED' && outcome.lockPid !== undefined && outcome.lockPid === this.readPidFile() && !orphanNotice) {
        if (await stopOrphan(outcome.lockPid)) {
          orphanNotice = `Stopped a sandbox broker an earlier Brook left running (pid ${outcome.lockPid}).`;
          continue;
        }
      }
      return this.fail(outcome.code, outcome.error);
    }
    return this.fail('SANDBOX_FAILED', { message: 'Could not find a free port for the sandbox', hint: 'Stop other brokers, then press Start.' });
  }

  private get pidFile(): string {
    return join(dirname(this.status.dataDir), 'broker.pid');
  }

  private writePidFile(pid: number | undefined): void {
    try {
      if (pid) writeFileSync(this.pidFile, `${pid}\n`);
      else rmSync(this.pidFile, { force: true });
    } catch {
      // Only used to recognise our own orphan; not worth failing over.
    }
  }

  private readPidFile(): number | undefined {
    try {
      return Number(readFileSync(this.pidFile, 'utf8').trim()) || undefined;
    } catch {
      return undefined;
    }
  }

  private spawnBroker(port: number): Promise<{ ok: true; port: number } | { ok: false; portTaken: boolean; code: ErrorCode; error: Omit<SandboxError, 'code'>; lockPid?: number }> {
    const log = this.options.logger;
    const args = [this.cli!, '--port', String(port), '--host', HOST, '--data-dir', this.status.dataDir];
    log.info(`starting sandbox broker: ${args.join(' ')}`);
    const child = spawn(process.execPath, [...BROKER_NODE_FLAGS, ...args], {
      env: { ...brokerEnv(), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    let stderr = '';
    let stdout = '';
    return new Promise((resolvePromise) => {
      let settled = false;
      const settle = (value: Parameters<typeof resolvePromise>[0]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise(value);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: { message: `The sandbox broker did not start within ${START_TIMEOUT_MS / 1000} s`, hint: 'Press Start again; if it keeps failing, Reset data.', detail: lastLine(stderr) || lastLine(stdout) } });
      }, START_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (\S+):(\d+)/.exec(stdout);
        if (match) settle({ ok: true, port: Number(match[2]) });
        for (const line of chunk.split('\n').filter(Boolean)) log.debug(`broker: ${line}`);
        if (stdout.length > 16_384) stdout = stdout.slice(-4_096);
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-8_192);
        for (const line of chunk.split('\n').filter(Boolean)) log.info(`broker: ${line}`);
      });
      child.once('error', (error) => {
        settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: { message: `The sandbox broker could not be launched: ${error.message}`, hint: 'Check that Node can run here, then press Start again.' } });
      });
      child.once('exit', (code, signal) => {
        const line = lastLine(stderr);
        const locked = /locked by another broker(?: \(pid (\d+)\))?/.exec(stderr);
        if (locked) {
          settle({ ok: false, portTaken: false, code: 'SANDBOX_DATA_LOCKED', ...(locked[1] ? { lockPid: Number(locked[1]) } : {}), error: {
            message: `The sandbox data folder is in use by another broker${locked[1] ? ` (pid ${locked[1]})` : ''}`,
            hint: `Another Brook or "npm run sandbox" is using ${this.status.dataDir}. Stop it${locked[1] ? ` (pid ${locked[1]})` : ''}, then press Start again.`,
            detail: line,
          } });
        } else if (/EADDRINUSE|already in use/i.test(stderr)) {
          settle({ ok: false, portTaken: true, code: 'SANDBOX_FAILED', error: { message: line } });
        } else {
          settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: {
            message: `The sandbox broker exited before it was ready (${signal ?? `exit code ${code}`})`,
            hint: 'Read the detail; press Start again, or Reset data if the data folder is damaged.',
            detail: line || undefined,
          } });
        }
        if (this.child === child) this.child = undefined;
        if (settled && this.status.state === 'running' && this.status.pid === child.pid) {
          // It was running and went away without being asked to.
          void this.stopDemo();
          this.fail('SANDBOX_FAILED', {
            message: `The sandbox broker stopped unexpectedly (${signal ?? `exit code ${code}`})`,
            hint: 'Press Restart. If it fails again, Reset data.',
            detail: line || undefined,
          });
        }
      });
    });
  }

  private registerCluster(bootstrap: string): void {
    const store = this.options.store;
    const existing = store.has(SANDBOX_CLUSTER_ID) ? store.get(SANDBOX_CLUSTER_ID) : undefined;
    if (existing?.bootstrapServers[0] === bootstrap) return;
    store.save(
      { id: existing ? SANDBOX_CLUSTER_ID : undefined, name: existing?.name ?? 'Local sandbox', bootstrapServers: [bootstrap], securityProtocol: 'PLAINTEXT', color: existing?.color ?? '#14b8a6' },
      { sandbox: true, id: SANDBOX_CLUSTER_ID },
    );
    this.options.emit('clusters:changed', store.list());
  }

  private async startDemo(): Promise<void> {
    if (this.demo || !this.status.bootstrap) return;
    const demo = new DemoTraffic(this.status.bootstrap, this.options.logger.child('demo'), (events) => {
      this.status.demoEvents = events;
      if (Date.now() - this.lastDemoEmit > 2_000) {
        this.lastDemoEmit = Date.now();
        this.options.emit('sandbox:status', this.get());
      }
    });
    this.demo = demo;
    try {
      await demo.start();
    } catch (error) {
      this.options.logger.warn(`demo data could not start: ${(error as Error).message}`);
      this.set({ notice: `Demo data could not start: ${(error as Error).message}` });
    }
  }

  private async stopDemo(): Promise<void> {
    const demo = this.demo;
    this.demo = undefined;
    await demo?.stop();
  }

  private async doStop(): Promise<SandboxStatus> {
    const child = this.child;
    if (!child || this.status.state === 'stopped') {
      return this.status.state === 'failed' ? this.get() : this.set({ state: 'stopped', startedAt: null, pid: null });
    }
    this.set({ state: 'stopping' });
    await this.stopDemo();
    this.child = undefined;
    await new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolveStop();
      });
      child.kill('SIGTERM');
    });
    this.writePidFile(undefined);
    return this.set({ state: 'stopped', startedAt: null, pid: null, bootstrap: null, error: null });
  }

  private fail(code: ErrorCode, error: Omit<SandboxError, 'code'>): SandboxStatus {
    const clean: SandboxError = { code, message: error.message };
    if (error.hint) clean.hint = error.hint;
    if (error.detail) clean.detail = error.detail;
    return this.set({ state: 'failed', error: clean, startedAt: null, pid: null, bootstrap: null });
  }

  /** Closing the app: stop the broker cleanly. */
  dispose(): Promise<SandboxStatus> {
    return this.stop();
  }
}

/** SIGTERM, then wait up to 5 s for the process to go; true when it is gone. */
async function stopOrphan(pid: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return !alive();
  }
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive();
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop() ?? '';
}

/** dist/broker/cli.js, found from this file upward (works from sources, dist/app and the package). */
export function findBrokerCli(): string | undefined {
  if (process.env.BROOK_BROKER_CLI) return resolve(process.env.BROOK_BROKER_CLI);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'dist', 'broker', 'cli.js'), join(dir, 'broker', 'cli.js')]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  return undefined;
}
