// One broker per data directory. Kafka holds an flock on `<dir>/.lock`; Node has no flock, so we
// create `.lock` exclusively (O_EXCL) with our pid in it. A lock whose pid is no longer running
// (a broker that was killed) is stale and taken over; a live one is refused with a clear error.

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLock {
  private constructor(readonly path: string) {}

  static acquire(dataDir: string, onLog: (msg: string) => void = () => {}): DataDirLock {
    const path = join(dataDir, '.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        return new DataDirLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const pid = readPid(path);
      if (pid !== null && isAlive(pid)) {
        throw new Error(`data directory ${dataDir} is locked by another broker (pid ${pid})`);
      }
      onLog(`taking over the stale lock of ${dataDir}${pid !== null ? ` (pid ${pid} is gone)` : ''}`);
      try {
        unlinkSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    throw new Error(`could not lock data directory ${dataDir}`);
  }

  release(): void {
    try {
      if (readPid(this.path) === process.pid) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  // The lock file is written by this process too when a second LogManager opens the same dir in
  // one process: that is a live holder as well.
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
