// Record-batch compression (attributes bits 0-2): one table for the codecs Kafka knows. The broker
// keeps batches as the client compressed them and never recompresses; it inflates a batch only to
// look at its records (Produce's timestamp and key checks, ListOffsets by timestamp).
//
// Each codec reads what Kafka's own decoders read:
//   gzip    a gzip stream (node:zlib)
//   snappy  snappy-java's stream (SnappyInputStream) as the Java producer writes it: "\x82SNAPPY\0",
//           version, compatible version, then [int32 length][raw snappy block] chunks; or, like
//           SnappyInputStream, a payload without that header as one raw snappy block (librdkafka
//           writes those). Blocks are decoded by snappyjs.
//   lz4     an LZ4 frame (KafkaLZ4BlockInputStream): the frame is parsed here, its blocks decoded by
//           lz4js
//   zstd    zstd frames, decoded by fzstd
//
// Inflating is bounded. Kafka streams records out of its decompressors; here a batch is inflated
// whole, so every decoder is held to maxBytes: sizes a payload declares (snappy lengths, an LZ4
// content size, zstd window and content sizes) are checked before anything is allocated, and output
// is counted as it is produced. A payload that would grow past maxBytes throws InflatedTooLarge (a
// decompression bomb); one that does not decode, or that Kafka's decoders refuse (an LZ4 frame of
// dependent blocks), throws any other Error.
import snappyjs from 'snappyjs';
import lz4js from 'lz4js';
import xxh32 from 'lz4js/xxh32.js';
import { Decompress } from 'fzstd';

export class InflatedTooLarge extends Error {}

/** Codec id (attributes & 0x07) -> decoder; ids 0 (none) and 5-7 have none. */
const DECODERS: Record<number, { name: string; inflate: (payload: Buffer, maxBytes: number) => Buffer }> = {
  1: { name: 'gzip', inflate: gunzip },
  2: { name: 'snappy', inflate: snappy },
  3: { name: 'lz4', inflate: lz4 },
  4: { name: 'zstd', inflate: zstd },
};

/** The name of a compression codec id, as Kafka's CompressionType names it. */
export function codecName(codec: number): string {
  return codec === 0 ? 'none' : DECODERS[codec]?.name ?? `unknown codec ${codec}`;
}

/**
 * The inflated bytes of a compressed batch's records (`payload`, the bytes after the 61-byte
 * header). Throws InflatedTooLarge past maxBytes, any other Error when the payload does not decode.
 */
export function inflate(codec: number, payload: Buffer, maxBytes: number): Buffer {
  const decoder = DECODERS[codec];
  if (!decoder) throw new Error(`unknown compression codec ${codec}`);
  return decoder.inflate(payload, maxBytes);
}

/**
 * How far the broker inflates a batch: 64 times max.message.bytes (Kafka's producers compress
 * record data well below that ratio), at least 64 MiB, at most 1 GiB.
 */
export function maxInflatedBytes(maxMessageBytes: number): number {
  return Math.min(1 << 30, Math.max(64 << 20, maxMessageBytes * 64));
}

function tooLarge(maxBytes: number): InflatedTooLarge {
  return new InflatedTooLarge(`the records inflate past ${maxBytes} bytes`);
}

function gunzip(payload: Buffer, maxBytes: number): Buffer {
  try {
    // zlib stops at maxOutputLength with ERR_BUFFER_TOO_LARGE instead of growing its buffer.
    // node:zlib loads on the first gzip batch, not at start (a few ms of every start otherwise).
    return process.getBuiltinModule('node:zlib').gunzipSync(payload, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw e;
  }
}

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16;

function snappy(payload: Buffer, maxBytes: number): Buffer {
  const framed = payload.length >= XERIAL_HEADER_SIZE && payload.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
  if (!framed) return rawSnappy(payload, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  let p = XERIAL_HEADER_SIZE;
  while (p < payload.length) {
    if (p + 4 > payload.length) throw new Error('truncated snappy chunk length');
    const len = payload.readInt32BE(p);
    p += 4;
    if (len < 0 || p + len > payload.length) throw new Error(`snappy chunk of ${len} bytes overruns the payload`);
    const chunk = rawSnappy(payload.subarray(p, p + len), maxBytes - total);
    chunks.push(chunk);
    total += chunk.length;
    p += len;
  }
  return Buffer.concat(chunks, total);
}

/** One raw snappy block: its uncompressed length (a varint) is checked before allocating. */
function rawSnappy(block: Buffer, maxBytes: number): Buffer {
  let declared = 0;
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    if (i >= block.length || i >= 5) throw new Error('invalid snappy length');
    declared += (block[i] & 0x7f) * 2 ** shift;
    if ((block[i] & 0x80) === 0) break;
  }
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return snappyjs.uncompress(block);
}

const LZ4_MAGIC = 0x184d2204;
/** Block maximum sizes by the BD byte's bits 4-6 (4 = 64 KB ... 7 = 4 MB). */
const LZ4_BLOCK_MAX: Record<number, number> = { 4: 1 << 16, 5: 1 << 18, 6: 1 << 20, 7: 1 << 22 };

/** An LZ4 frame: magic, FLG, BD, optional content size, header checksum, blocks, end mark. */
function lz4(payload: Buffer, maxBytes: number): Buffer {
  if (payload.length < 7 || payload.readUInt32LE(0) !== LZ4_MAGIC) throw new Error('not an LZ4 frame');
  const flg = payload[4];
  const bd = payload[5];
  // Kafka reads version 1 frames of independent blocks, no dictionary (its FLG and BD validation).
  if (flg >> 6 !== 1 || (flg & 0x20) === 0 || (flg & 0x03) !== 0 || (bd & 0x8f) !== 0) throw new Error('unsupported LZ4 frame descriptor');
  const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 0x07];
  if (!blockMax) throw new Error('invalid LZ4 block maximum size');
  const blockChecksums = (flg & 0x10) !== 0;
  const hasContentSize = (flg & 0x08) !== 0;
  let p = 6;
  let contentSize = -1;
  if (hasContentSize) {
    if (p + 8 > payload.length) throw new Error('truncated LZ4 frame descriptor');
    const size = payload.readBigUInt64LE(p);
    if (size > BigInt(maxBytes)) throw tooLarge(maxBytes);
    contentSize = Number(size);
    p += 8;
  }
  if (p >= payload.length) throw new Error('truncated LZ4 frame descriptor');
  if (payload[p] !== ((xxh32.hash(0, payload, 4, p - 4) >>> 8) & 0xff)) throw new Error('LZ4 frame descriptor checksum mismatch');
  p++;

  // First pass: the blocks' bounds, and the most they can inflate to.
  const blocks: { at: number; size: number; stored: boolean }[] = [];
  let bound = 0;
  for (;;) {
    if (p + 4 > payload.length) throw new Error('LZ4 frame has no end mark');
    const word = payload.readUInt32LE(p);
    p += 4;
    if (word === 0) break;
    const stored = (word & 0x80000000) !== 0;
    const size = word & 0x7fffffff;
    if (size > blockMax || p + size > payload.length) throw new Error(`LZ4 block of ${size} bytes is invalid`);
    blocks.push({ at: p, size, stored });
    bound += stored ? size : blockMax;
    p += size + (blockChecksums ? 4 : 0);
  }
  const capacity = contentSize >= 0 ? contentSize : Math.min(bound, maxBytes);
  const out = Buffer.alloc(capacity);
  let n = 0;
  for (const b of blocks) {
    let end: number;
    if (b.stored) {
      end = n + b.size;
      if (end <= capacity) payload.copy(out, n, b.at, b.at + b.size);
    } else {
      // lz4js drops writes past `out` and reports where it would have ended.
      end = lz4js.decompressBlock(payload, out, b.at, b.size, n);
    }
    if (end - n > blockMax) throw new Error('an LZ4 block inflates past its maximum size');
    if (end > capacity) {
      if (contentSize >= 0) throw new Error('LZ4 frame inflates past its content size');
      throw tooLarge(maxBytes);
    }
    n = end;
  }
  if (contentSize >= 0 && n !== contentSize) throw new Error('LZ4 frame inflates short of its content size');
  return out.subarray(0, n);
}

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_BLOCK_MAX = 1 << 17;

/**
 * Zstd frames: each frame header's window and content sizes are checked against maxBytes before
 * fzstd allocates its window, and output is counted block by block as fzstd streams it.
 */
function zstd(payload: Buffer, maxBytes: number): Buffer {
  checkZstdFrames(payload, maxBytes);
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  });
  stream.push(payload, true);
  return Buffer.concat(parts, total);
}

/** Walks zstd frame and block headers (RFC 8878), refusing sizes past maxBytes or past the payload. */
function checkZstdFrames(payload: Buffer, maxBytes: number): void {
  let p = 0;
  if (payload.length === 0) throw new Error('empty zstd payload');
  while (p < payload.length) {
    if (p + 8 > payload.length) throw new Error('truncated zstd frame header');
    const magic = payload.readUInt32LE(p);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      p += 8 + payload.readUInt32LE(p + 4); // skippable frame
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new Error('not a zstd frame');
    const fhd = payload[p + 4];
    const singleSegment = (fhd & 0x20) !== 0;
    const fcsCode = fhd >> 6;
    const dictBytes = [0, 1, 2, 4][fhd & 0x03];
    const fcsBytes = fcsCode === 0 ? (singleSegment ? 1 : 0) : 1 << fcsCode;
    let q = p + 5;
    let window = 0;
    if (!singleSegment) {
      const wd = payload[q++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 0x07);
    }
    q += dictBytes;
    if (q + fcsBytes > payload.length) throw new Error('truncated zstd frame header');
    let contentSize = 0;
    for (let i = 0; i < fcsBytes; i++) contentSize += payload[q + i] * 2 ** (8 * i);
    if (fcsBytes === 2) contentSize += 256;
    q += fcsBytes;
    if (singleSegment) window = contentSize;
    if (window > maxBytes || contentSize > maxBytes) throw tooLarge(maxBytes);
    for (let last = false; !last; ) {
      if (q + 3 > payload.length) throw new Error('truncated zstd block header');
      const bh = payload.readUIntLE(q, 3);
      last = (bh & 1) === 1;
      const type = (bh >> 1) & 0x03;
      const size = bh >>> 3;
      if (type === 3) throw new Error('reserved zstd block type');
      if (size > ZSTD_BLOCK_MAX) throw new Error(`zstd block of ${size} bytes is invalid`);
      q += 3 + (type === 1 ? 1 : size); // an RLE block holds one byte
    }
    if (fhd & 0x04) q += 4; // content checksum
    if (q > payload.length) throw new Error('truncated zstd frame');
    p = q;
  }
}
