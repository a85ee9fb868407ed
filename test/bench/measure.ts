// Measuring tools for the benchmarks: wall time of a client command, time from a broker's spawn to
// its first answered Metadata request, and resident memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RawClient } from '../support/raw-client';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';

/** Runs a command to completion; resolves with seconds taken and the number of stdout lines. */
export function timed(command: string, args: string[]): Promise<{ seconds: number; lines: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, lines, stderr });
    });
  });
}

/** Writes `count` lines of `size` bytes each (newline excluded), for kcat -P -l. */
export async function makeInput(path: string, count: number, size: number): Promise<void> {
  const out = createWriteStream(path);
  const line = Buffer.alloc(size + 1, 'abcdefghijklmnopqrstuvwxyz0123456789');
  line[size] = 10;
  for (let i = 0; i < count; i++) {
    line.write(`${i}:`, 0);
    if (!out.write(Buffer.from(line))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Milliseconds from spawning `command` to the first Metadata answered on the address it prints. */
export async function timeToFirstMetadata(
  command: string,
  args: string[],
  address: RegExp,
): Promise<{ ms: number; child: ChildProcess; host: string; port: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const [host, port] = await new Promise<[string, number]>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = address.exec(out);
      if (m) resolve([m[1], Number(m[2])]);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}`)));
  });
  for (;;) {
    try {
      const c = await RawClient.connect(port, host);
      await c.request(ApiKey.Metadata, 1, { topics: [] });
      c.close();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, child, host, port };
}

/** Resident and peak resident memory of a process, in MB (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Resets the peak RSS counter of a process, so a later reading covers one phase only. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not permitted: the peak then covers the whole run
  }
}
