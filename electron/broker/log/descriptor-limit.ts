// How many files the logs may keep open at once when brook.log.open.files.max is not set: a
// quarter of the process's descriptor limit (the rest is for connections, indexes being written,
// the registry), at most 1,000. Node cannot ask for the limit itself: Linux tells it in
// /proc/self/limits, elsewhere the shell's `ulimit -n` does (a macOS app starts with 256).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_OPEN_FILES = 1_000;
const MIN_OPEN_FILES = 16;

/** The process's soft limit on open descriptors, or undefined where it cannot be read. */
export function descriptorLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft) return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    // not Linux
  }
  if (process.platform === 'win32') return undefined;
  const r = spawnSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2_000 });
  const n = r.status === 0 ? r.stdout.trim() : '';
  return n === 'unlimited' ? Infinity : /^\d+$/.test(n) ? Number(n) : undefined;
}

export function defaultOpenFilesMax(limit = descriptorLimit()): number {
  if (limit === undefined) return MAX_OPEN_FILES;
  return Math.max(MIN_OPEN_FILES, Math.min(MAX_OPEN_FILES, Math.floor(limit / 4)));
}
