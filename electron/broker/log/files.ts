// File naming and crash-safe writes shared by the log modules.

import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Kafka names segment files by their base offset, zero-padded to 20 digits. */
export function segmentFileName(baseOffset: bigint, ext: '.log' | '.index' | '.timeindex'): string {
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
