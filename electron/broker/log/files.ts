// File naming and crash-safe writes shared by the log modules.

import { close, closeSync, fsync, fsyncSync, open, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Kafka names segment files by their base offset, zero-padded to 20 digits. */
export function segmentFileName(baseOffset: bigint, ext: '.log' | '.index' | '.timeindex' | '.txnindex'): string {
  return baseOffset.toString().padStart(20, '0') + ext;
}

/** The base offset of a `<20 digits>.log` name, or null for anything else. */
export function parseSegmentFileName(name: string, ext = '.log'): bigint | null {
  if (!name.endsWith(ext)) return null;
  const stem = name.slice(0, -ext.length);
  return /^\d{20}$/.test(stem) ? BigInt(stem) : null;
}

/** The directory name of a partition: `<topic>-<partition>`, as Kafka does. */
export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** fsync a directory so a rename or a new file in it survives a power cut (no-op where unsupported). */
export function fsyncDir(dir: string): void {
  let fd = -1;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync directories; the rename is still atomic there.
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * fsyncs a file, then its directory, on libuv's threadpool: for a file written without fsync whose
 * loss in a power cut is harmless, so the caller need not wait. A file already gone (its directory
 * deleted, as tests do right after a stop) is not an error; other failures go to onError.
 */
export function syncInBackground(path: string, onError: (msg: string) => void): void {
  const syncOne = (p: string, then: () => void, quiet: boolean) =>
    open(p, 'r', (err, fd) => {
      if (err) {
        if (err.code !== 'ENOENT' && !quiet) onError(`could not sync ${p}: ${err.message}`);
        return;
      }
      fsync(fd, (syncErr) => {
        close(fd, () => {});
        if (syncErr && !quiet) onError(`could not sync ${p}: ${syncErr.message}`);
        else if (!syncErr) then();
      });
    });
  // Directories cannot be opened or fsynced everywhere (Windows): that one fails quietly, as in fsyncDir.
  syncOne(path, () => syncOne(dirname(path), () => {}, true), false);
}

/**
 * Replaces `path` with `data` atomically: write a temp file, fsync it, rename over the target, fsync
 * the directory. A crash leaves either the old or the new content, never a torn file.
 */
export function writeFileAtomic(path: string, data: string | Buffer, opts: { fsync?: boolean } = {}): void {
  const durable = opts.fsync !== false;
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  if (durable) fsyncDir(dirname(path));
}

/** Writes all of buf at a file position (writeSync may write less than asked). */
export function writeFully(fd: number, buf: Buffer, position: number): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, position + off);
}
