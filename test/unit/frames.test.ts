import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, FrameTooLargeError } from '../../electron/broker/server/frames';

/** Frames of these sizes, each starting with a distinct int16 "API key" and filled with a pattern. */
function makeFrames(sizes: number[]): Buffer[] {
  return sizes.map((size, n) => {
    const f = Buffer.alloc(size);
    for (let i = 0; i < size; i++) f[i] = (i * 31 + n * 7) & 0xff;
    if (size >= 2) f.writeInt16BE(n, 0);
    return f;
  });
}

function stream(frames: Buffer[]): Buffer {
  return Buffer.concat(frames.flatMap((f) => [Buffer.from([f.length >>> 24, (f.length >>> 16) & 0xff, (f.length >>> 8) & 0xff, f.length & 0xff]), f]));
}

/** Pushes `bytes` cut into reads of the given lengths (cycled) and returns every frame. */
function decode(decoder: FrameDecoder, bytes: Buffer, reads: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const n = reads[i % reads.length];
    out.push(...decoder.push(bytes.subarray(pos, pos + n)));
    pos += n;
  }
  return out;
}

test('frames come out whole however the stream is cut into reads', () => {
  const frames = makeFrames([0, 1, 3, 100, 70_000, 5, 200_000, 2, 4]);
  const bytes = stream(frames);
  let seed = 1;
  const random = (max: number) => 1 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % max);
  const cuts = [[1], [2], [3], [4], [5], [7], [65_536], [bytes.length]];
  for (let i = 0; i < 50; i++) cuts.push(Array.from({ length: 20 }, () => random(i % 2 ? 9 : 90_000)));
  for (const reads of cuts) {
    const decoder = new FrameDecoder(1 << 20);
    const got = decode(decoder, bytes, reads);
    assert.equal(got.length, frames.length, `reads ${reads.slice(0, 4).join(',')}...`);
    got.forEach((f, i) => assert.ok(f.equals(frames[i]), `frame ${i}, reads ${reads.slice(0, 4).join(',')}...`));
    assert.equal(decoder.bufferedBytes, 0);
  }
});

test('a frame within one read is a view of it; one spanning reads is assembled where bufferFor says', () => {
  const frames = makeFrames([50, 100_000, 30_000]);
  const asked: [number, number][] = [];
  const given: Buffer[] = [];
  const decoder = new FrameDecoder(1 << 20, (size, apiKey) => {
    asked.push([size, apiKey]);
    if (apiKey !== 1) return null;
    const b = Buffer.alloc(size + 1000);
    given.push(b);
    return b;
  });
  const bytes = stream(frames);
  const read = bytes.subarray(0, 60_000);
  const got = [read, bytes.subarray(60_000, 100_000), bytes.subarray(100_000, 110_000), bytes.subarray(110_000)].flatMap((r) => decoder.push(r));
  assert.deepEqual(asked, [[100_000, 1], [30_000, 2]]);
  assert.equal(got[0].buffer, read.buffer, 'the first frame is a view of the read');
  assert.equal(got[1].buffer, given[0].buffer, 'the second was assembled in the buffer given');
  assert.equal(got[1].length, 100_000);
  got.forEach((f, i) => assert.ok(f.equals(frames[i])));
  // Mid-frame, the bytes held are those that arrived.
  const partial = new FrameDecoder(1 << 20);
  partial.push(bytes.subarray(0, 60_000));
  assert.equal(partial.bufferedBytes, 60_000 - 4 - 50 - 4);
});

test('a negative or too large frame size is refused', () => {
  const big = Buffer.alloc(4);
  big.writeInt32BE(1001);
  assert.throws(() => new FrameDecoder(1000).push(big), FrameTooLargeError);
  const negative = Buffer.from([0xff, 0xff, 0xff, 0xfe]);
  const d = new FrameDecoder(1000);
  assert.throws(() => {
    d.push(negative.subarray(0, 1));
    d.push(negative.subarray(1));
  }, /invalid frame size -2/);
});
