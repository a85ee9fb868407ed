// Runs the soak: the sandbox as its own process, started the way `npm run sandbox` and the app start
// it, and every lane of lanes.ts against it at once for a while. When the broker dies the soak
// records how (exit code or signal, the last lines it logged), starts it again on the same data
// directory and goes on, so one run counts every crash. At the end the broker is stopped with
// SIGTERM and says how many requests it handled.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKER_NODE_FLAGS, brokerEnv } from '../../../electron/broker/broker-process';
import { CLI } from '../sandbox-process';
import { createSoakTopics, LANES, type Tally } from './lanes';

export interface Crash {
  code: number | null;
  signal: NodeJS.Signals | null;
  atMs: number;
  lastLines: string[];
}

export interface SoakReport {
  durationMs: number;
  crashes: Crash[];
  /** Requests the broker handled, summed over its lives (a crashed life's count is lost). */
  requestsHandled: number;
  connections: number;
  rssStartKiB: number;
  rssEndKiB: number;
  rssPeakKiB: number;
  lanes: Record<string, Tally>;
}

export interface SoakOptions {
  durationMs: number;
  /** Node flags for the broker; the ones the app uses by default. */
  nodeFlags?: readonly string[];
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

const CONFIG = ['auto.create.topics.enable=true', 'num.partitions=2', 'group.initial.rebalance.delay.ms=0'];

function rssKiB(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

interface Life {
  child: ChildProcess;
  bootstrap: string;
  log: string[];
  ended: Promise<void>;
}

function startLife(dataDir: string, opts: SoakOptions, port: number): Promise<Life> {
  const flags = opts.nodeFlags ?? BROKER_NODE_FLAGS;
  const args = [...flags, CLI, '--port', String(port), '--data-dir', dataDir, ...CONFIG.flatMap((c) => ['--config', c])];
  const child = spawn(process.execPath, args, { env: opts.env ?? brokerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    log.push(...parts);
    if (log.length > 200) log.splice(0, log.length - 200);
  });
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) resolve({ child, bootstrap: `${m[1]}:${m[2]}`, log, ended });
    });
    void ended.then(() => reject(new Error(`the sandbox exited (${child.exitCode ?? child.signalCode}) before listening: ${log.slice(-5).join(' | ')}`)));
  });
}

export async function soak(opts: SoakOptions): Promise<SoakReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-soak-'));
  const started = Date.now();
  const report: SoakReport = { durationMs: 0, crashes: [], requestsHandled: 0, connections: 0, rssStartKiB: 0, rssEndKiB: 0, rssPeakKiB: 0, lanes: {} };
  let life = await startLife(dataDir, opts, 0);
  const port = Number(life.bootstrap.split(':')[1]);
  await createSoakTopics(life.bootstrap);
  let stopping = false;
  // Restarts the broker whenever it dies, until the soak ends; the lanes' clients reconnect to the same port.
  const supervise = async (): Promise<void> => {
    for (;;) {
      await life.ended;
      if (stopping) return;
      const crash = { code: life.child.exitCode, signal: life.child.signalCode, atMs: Date.now() - started, lastLines: life.log.slice(-12) };
      report.crashes.push(crash);
      opts.onLine?.(`the sandbox died at ${(crash.atMs / 1000).toFixed(0)} s (${crash.signal ?? `exit ${crash.code}`}); last lines:\n  ${crash.lastLines.join('\n  ')}`);
      life = await startLife(dataDir, opts, port);
    }
  };
  const supervising = supervise();
  let lastProgress = started;
  const sampler = setInterval(() => {
    const rss = rssKiB(life.child.pid);
    if (Date.now() - lastProgress >= 30_000) {
      lastProgress = Date.now();
      const tallies = Object.entries(report.lanes).map(([name, t]) => `${name} ${t.ok}/${t.failed}${t.running ? ` (${t.running})` : ''}`);
      opts.onLine?.(`${((lastProgress - started) / 1000).toFixed(0)} s, RSS ${(rss / 1024).toFixed(0)} MiB, ${report.crashes.length} crashes; ok/failed: ${tallies.join(', ')}`);
    }
    if (!report.rssStartKiB && Date.now() - started > 10_000) report.rssStartKiB = rss;
    report.rssPeakKiB = Math.max(report.rssPeakKiB, rss);
  }, 1000);
  const deadline = started + opts.durationMs;
  const lanes = Object.entries(LANES).map(([name, lane]) => {
    const tally: Tally = (report.lanes[name] = { ok: 0, failed: 0 });
    return lane({ bootstrap: () => life.bootstrap, stopped: () => Date.now() >= deadline, tally });
  });
  await Promise.all(lanes);
  clearInterval(sampler);
  report.rssEndKiB = rssKiB(life.child.pid);
  report.rssStartKiB ||= report.rssEndKiB;
  stopping = true;
  life.child.kill('SIGTERM');
  await life.ended;
  await supervising;
  const last = life.log.map((l) => /stopping after (\d+) requests on (\d+) connections/.exec(l)).find(Boolean);
  if (last) {
    report.requestsHandled = Number(last[1]);
    report.connections = Number(last[2]);
  }
  report.durationMs = Date.now() - started;
  rmSync(dataDir, { recursive: true, force: true });
  return report;
}
