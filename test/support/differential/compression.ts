// Record-batch compression for tests, in each codec's container as Kafka's Java producer writes it:
// gzip (node:zlib), snappy-java's stream of snappyjs blocks, an LZ4 frame of lz4js blocks. fzstd has no
// compressor, so zstd is a frame of stored (raw) blocks, which every conforming decoder reads;
// batches compressed by a real zstd encoder come from kcat (test/support/kcat-batches.ts).
import { gzipSync } from 'node:zlib';
import snappyjs from 'snappyjs';
import lz4js from 'lz4js';
import xxh32 from 'lz4js/xxh32.js';
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

const XERIAL_HEADER = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);

/**
 * snappy-java's stream (SnappyOutputStream), as Kafka's Java producer writes it: magic, version 1,
 * compatible 1, then length-prefixed raw snappy blocks of up to 32 KB of input each (snappyjs).
 */
export function xerialSnappy(data: Buffer, chunkSize = 32 * 1024): Buffer {
  const parts: Buffer[] = [XERIAL_HEADER];
  for (let at = 0; at < data.length; at += chunkSize) {
    const block = snappyjs.compress(data.subarray(at, at + chunkSize));
    const size = Buffer.alloc(4);
    size.writeInt32BE(block.length);
    parts.push(size, block);
  }
  return Buffer.concat(parts);
}

/**
 * An LZ4 frame as KafkaLZ4BlockOutputStream writes it: version 1, independent 64 KB blocks (Kafka
 * reads no other kind), each compressed by lz4js on its own.
 */
export function lz4Frame(data: Buffer): Buffer {
  const descriptor = Buffer.from([0x60, 0x40]);
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([(xxh32.hash(0, descriptor, 0, 2) >>> 8) & 0xff])];
  for (let at = 0; at < data.length; at += 65536) {
    // lz4js frames its output with the independence flag clear; one 64 KB chunk is one block.
    const framed = lz4js.compress(data.subarray(at, at + 65536));
    parts.push(Buffer.from(framed.subarray(7, framed.length - 4)));
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
