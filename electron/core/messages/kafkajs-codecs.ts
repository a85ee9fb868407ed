// The compression codecs kafkajs leaves to its users (it ships gzip only), registered once, so
// Brook's producer writes all of Kafka's: snappy in the xerial framing Kafka's Java clients write
// (and every client reads), LZ4 frames, and zstd where this Node has it (zlib's zstd, Node 22.15+;
// Electron's Node has it, Node 20 under `npm run serve` does not, and says so). Decompression is
// the broker's codecs (compression.ts), the same that read the sandbox's logs.
import zlib from 'node:zlib';
import lz4js from 'lz4js';
import snappyjs from 'snappyjs';
import kafkajs from 'kafkajs';
import { BrookError } from '../../../shared/errors';
import { inflate } from '../../broker/protocol/compression';

const MAX_INFLATED = 256 * 1024 * 1024;
const XERIAL_HEADER = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
const XERIAL_BLOCK = 32 * 1024;

function xerialSnappy(data: Buffer): Buffer {
  const parts = [XERIAL_HEADER];
  for (let i = 0; i < data.length; i += XERIAL_BLOCK) {
    const block = snappyjs.compress(data.subarray(i, i + XERIAL_BLOCK));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length);
    parts.push(length, Buffer.from(block));
  }
  return Buffer.concat(parts);
}

type Zstd = { zstdCompressSync?: (data: Buffer) => Buffer };

/** Whether this runtime can write zstd batches. */
export const canZstd = typeof (zlib as Zstd).zstdCompressSync === 'function';

const codec = (id: number, compress: (data: Buffer) => Buffer) => () => ({
  compress: async (encoder: { buffer: Buffer }) => compress(encoder.buffer),
  decompress: async (buffer: Buffer) => inflate(id, buffer, MAX_INFLATED),
});

// kafkajs is CommonJS whose codec table Node's named-export detection does not see.
const { CompressionCodecs, CompressionTypes } = kafkajs;
let registered = false;

export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  CompressionCodecs[CompressionTypes.Snappy] = codec(2, xerialSnappy);
  CompressionCodecs[CompressionTypes.LZ4] = codec(3, (data) => Buffer.from(lz4js.compress(data)));
  CompressionCodecs[CompressionTypes.ZSTD] = codec(4, (data) => {
    const zstd = (zlib as Zstd).zstdCompressSync;
    if (!zstd) throw new BrookError({ code: 'INVALID_INPUT', message: 'zstd compression needs Node 22.15 or later (Brook\'s desktop app has it)', hint: 'Choose lz4, snappy or gzip here.' });
    return zstd(data);
  });
}
