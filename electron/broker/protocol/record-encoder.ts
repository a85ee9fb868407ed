// Encodes and decodes the records of magic-2 (v2) record batches for the broker's own writes (the
// internal topics, transaction markers): uncompressed, CreateTime, CRC-32C over attributes..end.
// The produce and fetch paths never use this; they keep the client's bytes as they are.
//
// Record layout: length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
// key varint-length bytes (-1 = null), value likewise, headers count varint, then per header a
// key (varint-length string) and a value (varint-length bytes, -1 = null).
import { crc32c } from './crc32c';
import { BATCH_HEADER_SIZE, CONTROL_BIT, TRANSACTIONAL_BIT, iterateBatches, type BatchHeader } from './record-batch';
import { Writer } from './writer';

export interface EncodedRecordHeader {
  key: string;
  value: Buffer | null;
}

export interface RecordToEncode {
  key: Buffer | null;
  /** null writes a tombstone. */
  value: Buffer | null;
  /** Header keys are strings to every client API; an import may carry keys that are not UTF-8. */
  headers?: { key: string | Buffer; value: Buffer | null }[];
  /** Milliseconds since the epoch (CreateTime). */
  timestamp: bigint;
}

export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: EncodedRecordHeader[];
}

const NO_PRODUCER = -1n;

function writeBytes(w: Writer, b: Buffer | null): void {
  if (b === null) {
    w.varint(-1);
    return;
  }
  w.varint(b.length);
  w.raw(b);
}

/** The producer of a batch the broker writes for a transaction (offsets of TxnOffsetCommit, markers). */
export interface BatchProducer {
  producerId: bigint;
  producerEpoch: number;
  /** A control batch (a COMMIT or ABORT marker). */
  control?: boolean;
}

/**
 * One magic-2 uncompressed batch holding `records` (at least one), base offset 0; with a producer,
 * a transactional batch of that producer (sequence -1: the broker's own writes are not sequenced).
 */
export function encodeRecordBatch(records: readonly RecordToEncode[], producer?: BatchProducer): Buffer {
  if (records.length === 0) throw new RangeError('a record batch holds at least one record');
  let baseTimestamp = records[0].timestamp;
  let maxTimestamp = records[0].timestamp;
  for (const r of records) {
    if (r.timestamp < baseTimestamp) baseTimestamp = r.timestamp;
    if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  }
  const body = new Writer(256);
  records.forEach((r, i) => {
    const rec = new Writer(64);
    rec.int8(0); // attributes, unused
    rec.varlong(r.timestamp - baseTimestamp);
    rec.varint(i);
    writeBytes(rec, r.key);
    writeBytes(rec, r.value);
    const headers = r.headers ?? [];
    rec.varint(headers.length);
    for (const h of headers) {
      writeBytes(rec, typeof h.key === 'string' ? Buffer.from(h.key, 'utf8') : h.key);
      writeBytes(rec, h.value);
    }
    const bytes = rec.toBuffer();
    body.varint(bytes.length);
    body.raw(bytes);
  });
  const payload = body.toBuffer();
  const h = Buffer.alloc(BATCH_HEADER_SIZE);
  h.writeBigInt64BE(0n, 0); // baseOffset: the log assigns it
  h.writeInt32BE(BATCH_HEADER_SIZE - 12 + payload.length, 8);
  h.writeInt32BE(-1, 12); // partitionLeaderEpoch: the log writes its own
  h.writeInt8(2, 16);
  // No compression, CreateTime; transactional (and control) only for a producer's batch.
  h.writeInt16BE(producer ? TRANSACTIONAL_BIT | (producer.control ? CONTROL_BIT : 0) : 0, 21);
  h.writeInt32BE(records.length - 1, 23);
  h.writeBigInt64BE(baseTimestamp, 27);
  h.writeBigInt64BE(maxTimestamp, 35);
  h.writeBigInt64BE(producer ? producer.producerId : NO_PRODUCER, 43);
  h.writeInt16BE(producer ? producer.producerEpoch : -1, 51);
  h.writeInt32BE(-1, 53);
  h.writeInt32BE(records.length, 57);
  const batch = Buffer.concat([h, payload]);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

// ---- decoding ----

class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  private byte(): number {
    if (this.pos >= this.end) throw new RangeError('record runs past its batch');
    return this.buf[this.pos++];
  }

  varint(): number {
    let raw = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const b = this.byte();
      raw += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    }
    throw new RangeError('varint longer than 5 bytes');
  }

  varlong(): bigint {
    let raw = 0n;
    for (let shift = 0n; shift <= 63n; shift += 7n) {
      const b = this.byte();
      raw |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return (raw >> 1n) ^ -(raw & 1n);
    }
    throw new RangeError('varlong longer than 10 bytes');
  }

  bytes(): Buffer | null {
    const n = this.varint();
    if (n < 0) return null;
    if (this.pos + n > this.end) throw new RangeError('record field runs past its record');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

/**
 * The records of the uncompressed magic-2 batch at buf[pos] whose header is given. Compressed and
 * control batches yield nothing (the broker never writes them to the topics it reads back).
 */
export function* decodeBatchRecords(buf: Buffer, pos: number, header: BatchHeader): Generator<DecodedRecord> {
  if (header.magic !== 2 || header.compression !== 0 || header.isControl) return;
  const end = pos + header.size;
  const c = new Cursor(buf, pos + BATCH_HEADER_SIZE, end);
  while (c.pos < end) {
    const len = c.varint();
    const recEnd = c.pos + len;
    if (len < 0 || recEnd > end) throw new RangeError(`bad record length ${len}`);
    const rc = new Cursor(buf, c.pos, recEnd);
    rc.pos++; // attributes
    const tsDelta = rc.varlong();
    const offDelta = rc.varint();
    const key = rc.bytes();
    const value = rc.bytes();
    const nHeaders = rc.varint();
    const headers: EncodedRecordHeader[] = [];
    for (let i = 0; i < nHeaders; i++) {
      const k = rc.bytes();
      headers.push({ key: k ? k.toString('utf8') : '', value: rc.bytes() });
    }
    yield {
      offset: header.baseOffset + BigInt(offDelta),
      timestamp: header.timestampType === 1 ? header.maxTimestamp : header.baseTimestamp + tsDelta,
      key,
      value,
      headers,
    };
    c.pos = recEnd;
  }
}

/** Every record of the whole batches laid end to end in buf (as PartitionLog.read returns them). */
export function* decodeRecords(buf: Buffer): Generator<DecodedRecord> {
  for (const { pos, header } of iterateBatches(buf)) yield* decodeBatchRecords(buf, pos, header);
}

/**
 * The type of the control record of the control batch at buf[pos] (key: int16 version, int16 type;
 * 0 ABORT, 1 COMMIT), or -1 when it cannot be read.
 */
export function controlRecordType(buf: Buffer, pos: number, header: BatchHeader): number {
  try {
    const c = new Cursor(buf, pos + BATCH_HEADER_SIZE, pos + header.size);
    c.varint(); // record length
    const rc = new Cursor(buf, c.pos + 1, pos + header.size); // past attributes
    rc.varlong();
    rc.varint();
    const key = rc.bytes();
    return key && key.length >= 4 ? key.readInt16BE(2) : -1;
  } catch {
    return -1;
  }
}
