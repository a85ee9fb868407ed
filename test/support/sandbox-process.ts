// The sandbox broker as a separate process (dist/broker/cli.js, built by `npm run build:broker`),
// for tests that kill it or time its start.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BROKER_NODE_FLAGS, brokerEnv } from '../../electron/broker/broker-process';

export const CLI = join(import.meta.dirname, '../../dist/broker/cli.js');

export interface SandboxProcess {
  child: ChildProcess;
  bootstrap: string;
  port: number;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** `maxOpenFiles`: run it under `ulimit -n`, as a desktop app on macOS starts (256). */
export function startSandboxProcess(dataDir: string, args: string[] = [], port = 0, opts: { maxOpenFiles?: number } = {}): Promise<SandboxProcess> {
  const argv = [...BROKER_NODE_FLAGS, CLI, '--port', String(port), '--data-dir', dataDir, ...args];
  const [command, commandArgs] =
    opts.maxOpenFiles === undefined ? [process.execPath, argv] : ['/bin/sh', ['-c', `ulimit -n ${opts.maxOpenFiles} && exec "$0" "$@"`, process.execPath, ...argv]];
  const child = spawn(command, commandArgs, {
    env: brokerEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) resolve({ child, bootstrap: `${m[1]}:${m[2]}`, port: Number(m[2]), stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`sandbox exited with ${code} before listening: ${err}`)));
  });
}
