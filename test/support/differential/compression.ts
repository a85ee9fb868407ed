// Record-batch compression for tests, without a compression library: each codec's own container
// (the one Kafka's Java producer writes) holding the records as stored, uncompressed blocks.
// Every conforming decoder reads these (Kafka decompresses produced batches to validate them), so
// a test can produce all five codecs; the sandbox keeps them as sent either way.
import { gzipSync } from 'node:zlib';
import type { Compression } from '../../../electron/broker/protocol/record-batch';

/** The attributes bits 0-2 of a v2 batch for each codec. */
export const COMPRESSION_ID: Record<Compression, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

export function compress(codec: Compression, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gzipSync(data);
    case 'snappy':
      return xerialSnappy(data);
    case 'lz4':
      return lz4Frame(data);
    case 'zstd':
      return zstdFrame(data);
  }
}

function uvarint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** Raw snappy: the uncompressed length, then one literal element (tag 63 + 4-byte length). */
function rawSnappy(data: Buffer): Buffer {
  if (data.length === 0) return uvarint(0);
  const tag = Buffer.alloc(5);
  tag[0] = (63 << 2) | 0; // literal, length-1 in the next 4 bytes
  tag.writeUInt32LE(data.length - 1, 1);
  return Buffer.concat([uvarint(data.length), tag, data]);
}

/** snappy-java's stream (SnappyOutputStream): magic, version 1, compatible 1, then length-prefixed chunks. */
function xerialSnappy(data: Buffer): Buffer {
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
  const chunk = rawSnappy(data);
  const size = Buffer.alloc(4);
  size.writeInt32BE(chunk.length);
  return Buffer.concat([header, size, chunk]);
}

const PRIME32_1 = 2654435761;
const PRIME32_2 = 2246822519;
const PRIME32_3 = 3266489917;
const PRIME32_4 = 668265263;
const PRIME32_5 = 374761393;
const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

/** XXH32 with seed 0 of fewer than 16 bytes (all an LZ4 frame descriptor needs). */
function xxh32Short(b: Buffer): number {
  if (b.length >= 16) throw new RangeError('xxh32Short hashes fewer than 16 bytes');
  let h = (PRIME32_5 + b.length) >>> 0;
  let i = 0;
  for (; i + 4 <= b.length; i += 4) h = Math.imul(rotl((h + Math.imul(b.readUInt32LE(i), PRIME32_3)) >>> 0, 17), PRIME32_4) >>> 0;
  for (; i < b.length; i++) h = Math.imul(rotl((h + Math.imul(b[i], PRIME32_5)) >>> 0, 11), PRIME32_1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), PRIME32_2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), PRIME32_3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** LZ4 frame (Kafka's KafkaLZ4BlockOutputStream): independent 64 KB blocks, stored uncompressed. */
function lz4Frame(data: Buffer): Buffer {
  const descriptor = Buffer.from([0x60, 0x40]); // version 01, block independence; max block 64 KB
  const hc = (xxh32Short(descriptor) >>> 8) & 0xff;
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([hc])];
  for (let at = 0; at < data.length; at += 65536) {
    const block = data.subarray(at, at + 65536);
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0); // high bit: stored uncompressed
    parts.push(size, block);
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

/** A zstd frame: single segment, 4-byte content size, raw blocks of up to 128 KB. */
function zstdFrame(data: Buffer): Buffer {
  const header = Buffer.alloc(9);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = 0xa0; // FCS field 4 bytes, single segment, no checksum, no dictionary
  header.writeUInt32LE(data.length, 5);
  const parts: Buffer[] = [header];
  let at = 0;
  do {
    const block = data.subarray(at, at + 131072);
    at += block.length;
    const last = at >= data.length ? 1 : 0;
    const bh = Buffer.alloc(3);
    bh.writeUIntLE(last | (0 << 1) | (block.length << 3), 0, 3); // block type 0: raw
    parts.push(bh, block);
  } while (at < data.length);
  return Buffer.concat(parts);
}
