// The local sandbox: the Brook broker as a child process (off the thread that serves the UI; a
// crash cannot take the app down), on 127.0.0.1:9092 or the next free port, data under the user
// data directory, registered as the "Local sandbox" cluster.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrookError, type ErrorCode } from '../../../shared/errors';
import { describeExit, SANDBOX_CLUSTER_ID, type SandboxStatus } from '../../../shared/model';
import type { Emit } from '../context';
import type { Logger } from '../logger';
import type { ClusterStore } from '../clusters/store';
import { DemoTraffic } from './demo';
import { loadDemoChoice, saveDemoChoice } from './demo-choice';
import { findFreePort } from './ports';
import { readPidFile, stopOrphan, writePidFile } from './pid-file';
import { spawnBrokerChild, type BrokerChild, type StartOutcome } from './broker-child';
import { RestartPolicy, type RestartPolicyOptions } from './restart-policy';

const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 5_000;

export interface SandboxOptions {
  userDataDir: string;
  store: ClusterStore;
  emit: Emit;
  logger: Logger;
  basePort?: number;
  brokerCli?: string;
  restart?: RestartPolicyOptions;
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
  private readonly restartPolicy: RestartPolicy;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SandboxOptions) {
    this.basePort = options.basePort ?? 9092;
    this.cli = options.brokerCli ?? findBrokerCli();
    this.restartPolicy = new RestartPolicy(options.restart);
    this.status = {
      state: 'stopped',
      host: HOST,
      port: null,
      bootstrap: null,
      startedAt: null,
      pid: null,
      dataDir: join(options.userDataDir, 'sandbox', 'data'),
      demo: loadDemoChoice(this.demoFile),
      notice: null,
      error: null,
      demoEvents: 0,
      lastExit: null,
      restarts: 0,
      restartAt: null,
    };
  }

  private get demoFile(): string {
    return join(this.options.userDataDir, 'sandbox', 'demo.json');
  }

  /** Where the running broker's pid is kept, to recognise one an earlier Brook left behind. */
  private get pidFile(): string {
    return join(dirname(this.status.dataDir), 'broker.pid');
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
    if (patch.demo !== undefined && patch.demo !== this.status.demo) this.rememberDemo(patch.demo);
    this.status = { ...this.status, ...patch };
    this.options.emit('sandbox:status', this.get());
    return this.get();
  }

  start(demo?: boolean): Promise<SandboxStatus> {
    return this.serial(() => {
      this.userAction();
      return this.doStart(demo ?? this.status.demo);
    });
  }

  stop(): Promise<SandboxStatus> {
    return this.serial(() => {
      this.userAction();
      return this.doStop();
    });
  }

  restart(): Promise<SandboxStatus> {
    return this.serial(async () => {
      this.userAction();
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
      this.userAction();
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

  /** Not worth failing a start or the switch over: the choice then lasts until Brook closes. */
  private rememberDemo(demo: boolean): void {
    try {
      saveDemoChoice(this.demoFile, demo);
    } catch (error) {
      this.options.logger.warn(`could not save the demo data choice: ${(error as Error).message}`);
    }
  }

  /** Starts the broker on `wanted` or the next free port after it. */
  private async doStart(demo: boolean, wanted = this.basePort): Promise<SandboxStatus> {
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

    let from = wanted;
    let orphanNotice: string | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      let port: number;
      try {
        port = await findFreePort(HOST, from);
      } catch (error) {
        return this.fail('SANDBOX_FAILED', { message: (error as Error).message, hint: 'Free a port or stop other brokers, then press Start.' });
      }
      const moved = port !== wanted ? `Port ${wanted} is in use, so the sandbox listens on ${port}.` : null;
      const notice = [orphanNotice, moved].filter(Boolean).join(' ') || null;
      const outcome = await this.spawnBroker(port);
      if (outcome.ok) {
        const bootstrap = `${HOST}:${outcome.port}`;
        writePidFile(this.pidFile, this.child?.pid);
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
      if (outcome.code === 'SANDBOX_DATA_LOCKED' && outcome.lockPid !== undefined && outcome.lockPid === readPidFile(this.pidFile) && !orphanNotice) {
        if (await stopOrphan(outcome.lockPid)) {
          orphanNotice = `Stopped a sandbox broker an earlier Brook left running (pid ${outcome.lockPid}).`;
          continue;
        }
      }
      return this.fail(outcome.code, outcome.error);
    }
    return this.fail('SANDBOX_FAILED', { message: 'Could not find a free port for the sandbox', hint: 'Stop other brokers, then press Start.' });
  }

  private async spawnBroker(port: number): Promise<StartOutcome> {
    const life = spawnBrokerChild({ cli: this.cli!, host: HOST, port, dataDir: this.status.dataDir, logger: this.options.logger });
    this.child = life.child;
    const outcome = await life.started;
    if (outcome.ok) life.child.once('exit', (code, signal) => this.ended(life, code, signal));
    else if (this.child === life.child) this.child = undefined;
    return outcome;
  }

  /** The broker ended: unless Stop did it, say how, and start it again after the policy's delay. */
  private ended(life: BrokerChild, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== life.child) return; // stopped on purpose
    this.child = undefined;
    writePidFile(this.pidFile, undefined);
    void this.stopDemo();
    const lastExit = { at: new Date().toISOString(), code, signal, lastLines: life.lastLines() };
    const ranMs = this.status.startedAt ? Date.now() - Date.parse(this.status.startedAt) : 0;
    const how = describeExit(lastExit);
    this.options.logger.warn(`sandbox broker ended unexpectedly (${how})`);
    const delay = this.restartPolicy.next(ranMs);
    if (delay === null) {
      this.set({ lastExit, restartAt: null });
      this.fail('SANDBOX_FAILED', {
        message: `The sandbox broker stopped unexpectedly ${this.restartPolicy.maxInARow} times in a row (last: ${how}), so Brook stopped restarting it`,
        hint: 'Its last log lines are below. Press Start again; if it keeps stopping, Reset data.',
        detail: lastExit.lastLines.at(-1),
      });
      return;
    }
    this.set({ state: 'restarting', lastExit, restartAt: new Date(Date.now() + delay).toISOString(), startedAt: null, pid: null, bootstrap: null, error: null });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.serial(async () => {
        if (this.status.state !== 'restarting') return this.get();
        this.set({ restarts: this.status.restarts + 1, restartAt: null });
        return this.doStart(this.status.demo, this.status.port ?? this.basePort);
      });
    }, delay);
  }

  /** The user took charge (start, stop, restart, reset): no automatic restart is pending or counted. */
  private userAction(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.restartPolicy.reset();
    this.status = { ...this.status, lastExit: null, restarts: 0, restartAt: null };
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
    writePidFile(this.pidFile, undefined);
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
