// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of Kafka's v2 record batches.
// It matters because every produced batch is checked once and recovery checks the tail of every
// partition on start. Node has no built-in CRC-32C (zlib.crc32 is the IEEE polynomial), so two loops
// of ours compute it, both table-driven slicing-by-16 (sixteen bytes per step, four little-endian
// words looked up in sixteen 256-entry tables): long inputs through the loop compiled to
// WebAssembly (crc32c-wasm.ts, ~1.6 GB/s by CPU time on 1 MiB), short ones and every input where
// WebAssembly is unavailable through the JavaScript loop below (~1.2 GB/s reading aligned words
// through an Int32Array view).
//
// No native module: @node-rs/crc32 (the CPU's CRC instructions, ~3x faster) was used here until
// long kafkajs and librdkafka test-suite runs crashed the broker with a call to address 0x0 inside
// it (issue 15). It could not be reproduced afterwards, so it could not be fixed; the sandbox's
// first promise is that no client can crash it, and native code that crashes once in a runtime we
// ship (Node 20, Electron's Node) cannot be trusted in any. The soak (npm run bench -- soak) runs
// these loops alone.
import { compileCrc32cWasm } from './crc32c-wasm';

const POLY = 0x82f63b78;

// T[k * 256 + b] = CRC of byte b followed by k zero bytes.
const T = new Int32Array(16 * 256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[i] = c;
}
for (let i = 0; i < 256; i++) {
  for (let k = 1; k < 16; k++) {
    const prev = T[(k - 1) * 256 + i];
    T[k * 256 + i] = (prev >>> 8) ^ T[prev & 0xff];
  }
}

/** Words are read in the host's byte order; the CRC needs little-endian ones (every Electron target). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Below this many bytes the Int32Array view costs more than it saves. */
const WORDS_FROM = 64;
/** From this many bytes the copy into WebAssembly memory and the call are worth it. */
const WASM_FROM = 256;
/**
 * Compiled on the first long input, not at load: assembling and compiling the module took 1.5-15 ms
 * of a broker's start (node --cpu-prof), which is spent before the first Metadata otherwise.
 * null once compiling failed.
 */
let wasm: ReturnType<typeof compileCrc32cWasm> | undefined;

/**
 * Continues a CRC-32C over buf[start, end). `crc` is a previous result (0 to start a new one), so a
 * checksum can be computed over several buffers: crc32cUpdate(crc32c(a), b) === crc32c(concat(a, b)).
 */
export function crc32cUpdate(crc: number, buf: Uint8Array, start = 0, end = buf.length): number {
  if (LITTLE_ENDIAN && end - start >= WASM_FROM) {
    if (wasm === undefined) wasm = compileCrc32cWasm(T);
    if (wasm) return wasm(crc, buf, start, end);
  }
  let c = ~crc;
  let i = start;
  if (LITTLE_ENDIAN && end - i >= WORDS_FROM) {
    // Bytes one at a time up to a 4-byte boundary of the underlying memory, then 16 at a time.
    for (const aligned = i + ((4 - ((buf.byteOffset + i) & 3)) & 3); i < aligned; i++) c = (c >>> 8) ^ T[(c ^ buf[i]) & 0xff];
    const n = (end - i) >>> 4;
    const w = new Int32Array(buf.buffer, buf.byteOffset + i, n * 4);
    for (let j = 0; j < w.length; j += 4) {
      const a = c ^ w[j];
      const b = w[j + 1];
      const d = w[j + 2];
      const e = w[j + 3];
      c =
        T[3840 + (a & 0xff)] ^
        T[3584 + ((a >>> 8) & 0xff)] ^
        T[3328 + ((a >>> 16) & 0xff)] ^
        T[3072 + (a >>> 24)] ^
        T[2816 + (b & 0xff)] ^
        T[2560 + ((b >>> 8) & 0xff)] ^
        T[2304 + ((b >>> 16) & 0xff)] ^
        T[2048 + (b >>> 24)] ^
        T[1792 + (d & 0xff)] ^
        T[1536 + ((d >>> 8) & 0xff)] ^
        T[1280 + ((d >>> 16) & 0xff)] ^
        T[1024 + (d >>> 24)] ^
        T[768 + (e & 0xff)] ^
        T[512 + ((e >>> 8) & 0xff)] ^
        T[256 + ((e >>> 16) & 0xff)] ^
        T[e >>> 24];
    }
    i += n * 16;
  }
  for (; i < end; i++) c = (c >>> 8) ^ T[(c ^ buf[i]) & 0xff];
  return ~c >>> 0;
}

/** CRC-32C of buf[start, end) as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  return crc32cUpdate(0, buf, start, end);
}
