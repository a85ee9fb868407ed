// librdkafka's in-memory mock cluster as a process: a peer to benchmark Brook's broker against.
// Built from ../shared/tools/mock-cluster (beside the repo) into test/real-kafka/.cache/ on first use;
// rebuilt when the C source is newer than the binary. Needs cc and Debian's librdkafka-dev.
//
//   const mock = await startMockCluster();        // { bootstrap: '127.0.0.1:PORT', ... }
//   ... run the same load against mock.bootstrap and Brook ...
//   await mock.stop();
//
// It is a test double (auto-created 4-partition topics, bounded in-memory logs), not a reference
// for Kafka's behaviour; see its README.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitExit } from './run';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const mockClusterSourceDir = resolve(repoRoot, '..', 'shared', 'tools', 'mock-cluster');
export const mockClusterBinary = join(repoRoot, 'test', 'real-kafka', '.cache', 'mock-cluster');

export interface MockCluster {
  /** librdkafka's bootstrap string: 127.0.0.1:PORT[,127.0.0.1:PORT...]. */
  bootstrap: string;
  pid: number;
  /** SIGTERM (SIGKILL after 5 s); resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
}

export interface StartMockClusterOptions {
  /** Number of mock brokers; default 1. */
  brokers?: number;
  /** The process exits by itself after this many seconds; default 600. */
  seconds?: number;
}

let availability: { ok: true } | { ok: false; reason: string } | undefined;

function built(): boolean {
  if (!existsSync(mockClusterBinary)) return false;
  const source = join(mockClusterSourceDir, 'mock-cluster.c');
  return !existsSync(source) || statSync(source).mtimeMs <= statSync(mockClusterBinary).mtimeMs;
}

/** Builds the binary if it is missing or stale. Throws with build.sh's output when that fails. */
export function ensureMockCluster(): string {
  if (built()) return mockClusterBinary;
  const script = join(mockClusterSourceDir, 'build.sh');
  if (!existsSync(script)) throw new Error(`no ${script} (the shared tools are expected beside the repo)`);
  mkdirSync(dirname(mockClusterBinary), { recursive: true });
  const r = spawnSync('bash', [script, mockClusterBinary], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`building the mock cluster failed (exit ${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  }
  return mockClusterBinary;
}

/** Whether the mock cluster can be built/run here (remembered for the process); tests skip with `reason`. */
export function mockClusterAvailable(): { ok: true } | { ok: false; reason: string } {
  if (!availability) {
    try {
      ensureMockCluster();
      availability = { ok: true };
    } catch (err) {
      availability = { ok: false, reason: `librdkafka mock cluster unavailable: ${(err as Error).message}` };
    }
  }
  return availability;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts the mock cluster and resolves with the bootstrap it prints as its first stdout line. */
export async function startMockCluster(options: StartMockClusterOptions = {}): Promise<MockCluster> {
  const binary = ensureMockCluster();
  const child = spawn(binary, [String(options.seconds ?? 600), String(options.brokers ?? 1)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
    }
    live.delete(child);
  };
  try {
    const bootstrap = await new Promise<string>((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error('mock cluster printed no bootstrap within 10 s')), 10_000);
      const onData = (d: string) => {
        out += d;
        const nl = out.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // keep draining whatever else it prints
          ok(out.slice(0, nl).trim());
        }
      };
      child.stdout!.setEncoding('utf8').on('data', onData);
      child.once('error', (err) => {
        clearTimeout(timer);
        fail(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`mock cluster exited before printing its bootstrap (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
      });
    });
    if (!/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/.test(bootstrap)) throw new Error(`unexpected first line from the mock cluster: ${bootstrap}`);
    return { bootstrap, pid: child.pid ?? 0, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
