// One life of the sandbox broker process: spawned the way `npm run sandbox` runs it (Electron's
// binary in Node mode inside the app), told apart until it listens (ready, port taken, data folder
// locked, exited early), with its last log lines kept for when it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ErrorCode } from '../../../shared/errors';
import type { SandboxStatus } from '../../../shared/model';
import type { Logger } from '../logger';
import { BROKER_NODE_FLAGS, brokerEnv } from '../../broker/broker-process';

const START_TIMEOUT_MS = 20_000;
/** Log lines kept for the sandbox screen when the broker ends. */
const LAST_LINES = 20;

type SandboxError = NonNullable<SandboxStatus['error']>;

export type StartOutcome =
  | { ok: true; port: number }
  | { ok: false; portTaken: boolean; code: ErrorCode; error: Omit<SandboxError, 'code'>; lockPid?: number };

export interface BrokerChild {
  child: ChildProcess;
  /** Settles once the broker listens or has failed to. */
  started: Promise<StartOutcome>;
  /** Its last log lines (stderr), oldest first. */
  lastLines(): string[];
}

export function spawnBrokerChild(opts: { cli: string; host: string; port: number; dataDir: string; logger: Logger }): BrokerChild {
  const log = opts.logger;
  const args = [opts.cli, '--port', String(opts.port), '--host', opts.host, '--data-dir', opts.dataDir];
  log.info(`starting sandbox broker: ${args.join(' ')}`);
  const child = spawn(process.execPath, [...BROKER_NODE_FLAGS, ...args], {
    env: { ...brokerEnv(), ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const lines: string[] = [];
  let partial = '';
  let stdout = '';
  const started = new Promise<StartOutcome>((resolve) => {
    let settled = false;
    const settle = (value: StartOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const last = () => lines.at(-1) ?? partial;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: { message: `The sandbox broker did not start within ${START_TIMEOUT_MS / 1000} s`, hint: 'Press Start again; if it keeps failing, Reset data.', detail: last() || undefined } });
    }, START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (\S+):(\d+)/.exec(stdout);
      if (match) settle({ ok: true, port: Number(match[2]) });
      for (const line of chunk.split('\n').filter(Boolean)) log.debug(`broker: ${line}`);
      if (stdout.length > 16_384) stdout = stdout.slice(-4_096);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const line of parts.filter(Boolean)) {
        lines.push(line);
        log.info(`broker: ${line}`);
      }
      if (lines.length > LAST_LINES) lines.splice(0, lines.length - LAST_LINES);
    });
    child.once('error', (error) => {
      settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: { message: `The sandbox broker could not be launched: ${error.message}`, hint: 'Check that Node can run here, then press Start again.' } });
    });
    child.once('exit', (code, signal) => {
      const text = [...lines, partial].join('\n');
      const locked = /locked by another broker(?: \(pid (\d+)\))?/.exec(text);
      if (locked) {
        const pid = locked[1];
        settle({ ok: false, portTaken: false, code: 'SANDBOX_DATA_LOCKED', ...(pid ? { lockPid: Number(pid) } : {}), error: {
          message: `The sandbox data folder is in use by another broker${pid ? ` (pid ${pid})` : ''}`,
          hint: `Another Brook or "npm run sandbox" is using ${opts.dataDir}. Stop it${pid ? ` (pid ${pid})` : ''}, then press Start again.`,
          detail: last(),
        } });
      } else if (/EADDRINUSE|already in use/i.test(text)) {
        settle({ ok: false, portTaken: true, code: 'SANDBOX_FAILED', error: { message: last() } });
      } else {
        settle({ ok: false, portTaken: false, code: 'SANDBOX_FAILED', error: {
          message: `The sandbox broker exited before it was ready (${signal ?? `exit code ${code}`})`,
          hint: 'Read the detail; press Start again, or Reset data if the data folder is damaged.',
          detail: last() || undefined,
        } });
      }
    });
  });
  return { child, started, lastLines: () => (partial ? [...lines, partial] : [...lines]).slice(-LAST_LINES) };
}
