// Loading a partition directory on start. Kafka recovers every segment after its recovery point;
// we check the last segment fully (headers and CRC-32C of every batch, truncating a torn tail) and
// give older segments a cheap sanity check (index files present and well-formed, first batch
// where the name says), rebuilding their indexes only when that fails. Older segments were
// complete when they rolled, so this catches what a crash can actually break.

import { closeSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_HEADER_SIZE, readBatchHeader } from '../protocol/record-batch';
import { readFully } from './batch-scan';
import { parseSegmentFileName, segmentFileName } from './files';
import type { ProducerStateManager } from './producer-state';
import { Segment, type SegmentContext } from './segment';

/** Leftovers of interrupted operations (ours and Kafka's) that are safe to drop on start. */
const INT64_MAX = 0x7fffffffffffffffn;
const LEFTOVER = /\.(tmp|deleted|cleaned|swap)$/;

export function loadPartitionDir(
  dir: string,
  ctx: SegmentContext,
  producers: ProducerStateManager,
  initialOffset: bigint,
  nowMs: number,
): Segment[] {
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir);
  const bases: bigint[] = [];
  for (const name of names) {
    if (LEFTOVER.test(name)) {
      unlinkSync(join(dir, name));
      continue;
    }
    const base = parseSegmentFileName(name);
    if (base !== null) bases.push(base);
  }
  const have = new Set(bases.map((b) => b.toString()));
  for (const name of names) {
    const base = parseSegmentFileName(name, '.index') ?? parseSegmentFileName(name, '.timeindex') ?? parseSegmentFileName(name, '.txnindex');
    if (base !== null && !have.has(base.toString())) {
      ctx.onLog(`removing ${join(dir, name)}: its segment is gone`);
      unlinkSync(join(dir, name));
    }
  }
  bases.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  if (bases.length === 0) {
    const seg = Segment.create(dir, initialOffset, nowMs, ctx);
    seg.activate();
    producers.clear();
    return [seg];
  }

  const segments = bases.map((base) => {
    const st = statSync(join(dir, segmentFileName(base, '.log')));
    return new Segment(dir, base, st.size, st.birthtimeMs > 0 ? st.birthtimeMs : st.mtimeMs, ctx);
  });
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    seg.nextOffset = segments[i + 1].baseOffset;
    checkFirstBatch(seg, ctx);
    // The max timestamp comes from the last time index entry; when that file is unusable the
    // segment's indexes are rebuilt from its batch headers.
    if (!seg.loadMaxTimestamp()) seg.offsetIndex();
  }

  // Producer state: newest snapshot below the last segment's end, then replay the rest.
  const last = segments[segments.length - 1];
  const snapshotAt = producers.loadSnapshot(dir, INT64_MAX);
  const replayFrom = snapshotAt ?? -1n;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    if (seg.nextOffset > replayFrom) producers.replayFile(seg.logPath, seg.size, replayFrom);
  }

  last.activate(false);
  const res = last.rebuild(true, (h, buf, at) => {
    if (h.baseOffset >= replayFrom) producers.apply(h, buf, at);
  });
  if (res.truncatedBytes > 0) {
    ctx.onLog(`truncated ${res.truncatedBytes} bytes at the end of ${last.logPath} (${res.problem ?? 'torn write'})`);
  }
  if (snapshotAt !== null && snapshotAt > last.nextOffset) {
    // The snapshot is ahead of the log (its tail was lost): rebuild the state from the log alone.
    ctx.onLog(`producer snapshot at ${snapshotAt} is past the log end ${last.nextOffset}; replaying the log`);
    producers.clear();
    for (const seg of segments.slice(0, -1)) producers.replayFile(seg.logPath, seg.size, -1n);
    producers.replayFile(last.logPath, last.size, -1n);
  }
  last.writeIndexes(false);
  return segments;
}

/** Warns when an older segment's first batch is not where its file name says (a cheap sanity check). */
function checkFirstBatch(seg: Segment, ctx: SegmentContext): void {
  if (seg.size === 0) return;
  const fd = openSync(seg.logPath, 'r');
  try {
    const buf = Buffer.alloc(BATCH_HEADER_SIZE);
    const n = readFully(fd, buf, BATCH_HEADER_SIZE, 0);
    const h = n === BATCH_HEADER_SIZE ? readBatchHeader(buf, 0) : null;
    if (!h || h.magic !== 2 || h.baseOffset < seg.baseOffset || h.size > seg.size) {
      ctx.onLog(`segment ${seg.logPath} does not start with a valid batch at offset ${seg.baseOffset}`);
    }
  } finally {
    closeSync(fd);
  }
}
