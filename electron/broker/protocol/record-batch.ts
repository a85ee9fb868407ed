// Kafka v2 record batches (magic 2), the unit the broker stores and serves byte for byte.
// https://kafka.apache.org/documentation/#recordbatch
//
// The broker never re-encodes records: it validates a batch once (length, magic, CRC, offset
// delta, record count for uncompressed batches), rewrites the base offset in place (outside the
// CRC'd range, so the CRC stays valid) and writes the client's bytes to the log. Records are only
// read, never rewritten: a compressed batch is inflated to walk them (the Produce timestamp and key
// checks, ListOffsets by timestamp; see batchRecords and compression.ts) and never recompressed.
//
// Layout (big-endian):
//   0 baseOffset int64          8 batchLength int32 (bytes after this field)
//  12 partitionLeaderEpoch int32 16 magic int8   17 crc uint32 (CRC-32C of bytes 21..end)
//  21 attributes int16          23 lastOffsetDelta int32
//  27 baseTimestamp int64       35 maxTimestamp int64
//  43 producerId int64          51 producerEpoch int16   53 baseSequence int32
//  57 recordCount int32         61 records...

import { ErrorCode, type ErrorName } from './errors';
import { codecName, inflate, InflatedTooLarge } from './compression';
import { crc32c } from './crc32c';

export const BATCH_HEADER_SIZE = 61;
/** Bytes needed to know a batch's offset and length (baseOffset, batchLength). */
export const LOG_OVERHEAD = 12;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const MAX_TIMESTAMP_OFFSET = 35;
export const MAGIC_OFFSET = 16;

export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_TYPE_BIT = 0x08;
export const TRANSACTIONAL_BIT = 0x10;
export const CONTROL_BIT = 0x20;

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export const COMPRESSION_CODECS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export type KafkaErrorName = ErrorName;

/** A failed storage operation, carrying Kafka's error name and code for the response. */
export interface KafkaErrorResult<N extends KafkaErrorName = KafkaErrorName> {
  error: N;
  code: (typeof ErrorCode)[N];
  message: string;
}

export function kafkaError<N extends KafkaErrorName>(error: N, message: string): KafkaErrorResult<N> {
  return { error, code: ErrorCode[error], message };
}

export function isKafkaError(v: unknown): v is KafkaErrorResult {
  return typeof v === 'object' && v !== null && typeof (v as { error?: unknown }).error === 'string';
}

export interface BatchHeader {
  baseOffset: bigint;
  /** The batchLength field: bytes after it. */
  batchLength: number;
  /** Whole batch in bytes: batchLength + 12. */
  size: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  compression: number;
  /** 0 CreateTime, 1 LogAppendTime. */
  timestampType: 0 | 1;
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** A validated batch from a Produce request: its header and its exact bytes (a view, not a copy). */
export interface ProducedBatch extends BatchHeader {
  bytes: Buffer;
}

/**
 * Parses the 61-byte v2 header at buf[pos]. Returns null when fewer than 61 bytes are available.
 * Does not check magic or CRC (see validateProducedRecords and checkBatchCrc).
 */
export function readBatchHeader(buf: Buffer, pos: number): BatchHeader | null {
  if (pos + BATCH_HEADER_SIZE > buf.length) return null;
  const batchLength = buf.readInt32BE(pos + 8);
  const attributes = buf.readInt16BE(pos + 21);
  return {
    baseOffset: buf.readBigInt64BE(pos),
    batchLength,
    size: batchLength + LOG_OVERHEAD,
    partitionLeaderEpoch: buf.readInt32BE(pos + 12),
    magic: buf.readInt8(pos + 16),
    crc: buf.readUInt32BE(pos + 17),
    attributes,
    compression: attributes & COMPRESSION_MASK,
    timestampType: attributes & TIMESTAMP_TYPE_BIT ? 1 : 0,
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
    lastOffsetDelta: buf.readInt32BE(pos + 23),
    baseTimestamp: buf.readBigInt64BE(pos + 27),
    maxTimestamp: buf.readBigInt64BE(pos + 35),
    producerId: buf.readBigInt64BE(pos + 43),
    producerEpoch: buf.readInt16BE(pos + 51),
    baseSequence: buf.readInt32BE(pos + 53),
    recordCount: buf.readInt32BE(pos + 57),
  };
}

/** True when the CRC field of the batch at buf[pos] matches its bytes (the batch must be complete). */
export function checkBatchCrc(buf: Buffer, pos: number, size: number): boolean {
  return buf.readUInt32BE(pos + CRC_OFFSET) === crc32c(buf, pos + ATTRIBUTES_OFFSET, pos + size);
}

/** Rewrites the base offset of the batch at buf[pos]. The field is outside the CRC, so no CRC update. */
export function setBaseOffset(buf: Buffer, pos: number, baseOffset: bigint): void {
  buf.writeBigInt64BE(baseOffset, pos);
}

/**
 * Applies LogAppendTime to the batch at buf[pos] (size bytes) as Kafka's LogValidator does for v2
 * batches: sets the timestampType attribute bit and maxTimestamp to the broker's time, leaves
 * baseTimestamp and the records alone (consumers then report maxTimestamp for every record), and
 * recomputes the CRC since both fields are inside the checksummed range.
 */
export function setLogAppendTime(buf: Buffer, pos: number, size: number, nowMs: bigint): void {
  buf.writeInt16BE(buf.readInt16BE(pos + ATTRIBUTES_OFFSET) | TIMESTAMP_TYPE_BIT, pos + ATTRIBUTES_OFFSET);
  buf.writeBigInt64BE(nowMs, pos + MAX_TIMESTAMP_OFFSET);
  buf.writeUInt32BE(crc32c(buf, pos + ATTRIBUTES_OFFSET, pos + size), pos + CRC_OFFSET);
}

/** Last offset of a batch: baseOffset + lastOffsetDelta. */
export function lastOffsetOf(h: Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta'>): bigint {
  return h.baseOffset + BigInt(h.lastOffsetDelta);
}

/** Last sequence of a batch, wrapping at int32 max like Kafka's DefaultRecordBatch.incrementSequence. */
export function lastSequenceOf(baseSequence: number, lastOffsetDelta: number): number {
  if (baseSequence < 0) return -1;
  const s = baseSequence + lastOffsetDelta;
  return s > 0x7fffffff ? s - 0x80000000 : s;
}

/**
 * Iterates the batches laid end to end in buf[start, end) (a fetched range, a segment read into
 * memory) yielding each one's position and header. Stops at the first incomplete batch.
 */
export function* iterateBatches(buf: Buffer, start = 0, end = buf.length): Generator<{ pos: number; header: BatchHeader }> {
  let pos = start;
  while (pos + BATCH_HEADER_SIZE <= end) {
    const header = readBatchHeader(buf, pos);
    if (!header || header.size < BATCH_HEADER_SIZE || pos + header.size > end) return;
    yield { pos, header };
    pos += header.size;
  }
}

// ---- varints (zig-zag), only what the record walks need ----
// Each reader returns the value and leaves the position after it in `cursor`, so the walks over
// every record of a produced batch allocate nothing per record (a million 100 B records went
// through objects and bigints before, and the garbage cost more than the walk).

/** Where the last varint read ended. */
let cursor = 0;

/** Reads a zig-zag varint (<= 32 bits) at buf[pos]; NaN when it runs past end or is too long. */
function varintAt(buf: Uint8Array, pos: number, end: number): number {
  let raw = 0;
  for (let shift = 0; pos < end && shift <= 28; shift += 7) {
    const b = buf[pos++];
    raw |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      cursor = pos;
      return (raw >>> 1) ^ -(raw & 1);
    }
  }
  return NaN;
}

/** Reads a zig-zag varlong at buf[pos] exactly, as a bigint; null when malformed. */
function varlongAt(buf: Uint8Array, pos: number, end: number): bigint | null {
  let raw = 0n;
  for (let shift = 0n; pos < end && shift <= 63n; shift += 7n) {
    const b = buf[pos++];
    raw |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      cursor = pos;
      return (raw >> 1n) ^ -(raw & 1n);
    }
  }
  return null;
}

/**
 * Reads a zig-zag varlong at buf[pos] as a double: exact up to 2^53, and beyond that still of the
 * right sign and magnitude, which is all a range check needs. NaN when malformed.
 */
function varlongNumberAt(buf: Uint8Array, pos: number, end: number): number {
  const negative = (buf[pos] & 1) === 1;
  let raw = 0;
  let scale = 1;
  for (let n = 0; pos < end && n < 10; n++, scale *= 128) {
    const b = buf[pos++];
    raw += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      cursor = pos;
      return negative ? -Math.floor(raw / 2) - 1 : Math.floor(raw / 2);
    }
  }
  return NaN;
}

/**
 * Counts the records of an uncompressed batch by walking each record's length varint, without
 * decoding them. Returns -1 when the lengths do not tile the batch exactly.
 */
export function countUncompressedRecords(buf: Buffer, pos: number, size: number): number {
  let p = pos + BATCH_HEADER_SIZE;
  const end = pos + size;
  let n = 0;
  while (p < end) {
    const len = varintAt(buf, p, end);
    if (!(len >= 0)) return -1;
    p = cursor + len;
    n++;
  }
  return p === end ? n : -1;
}

/**
 * The records of a batch as bytes to walk: the bytes after the header when uncompressed, else
 * inflated by the batch's codec (compression.ts), to at most maxInflated bytes. A payload that does
 * not decode is UNKNOWN_SERVER_ERROR, as Kafka 4.3.1 answers it (its decompressors' exceptions are
 * not CorruptRecordException); one that inflates past maxInflated is refused as INVALID_RECORD (a
 * decompression bomb: Kafka streams records and has no such bound, the sandbox inflates whole
 * batches).
 */
export function batchRecords(buf: Buffer, pos: number, header: BatchHeader, maxInflated: number): Buffer | KafkaErrorResult {
  const payload = buf.subarray(pos + BATCH_HEADER_SIZE, pos + header.size);
  if (header.compression === 0) return payload;
  try {
    return inflate(header.compression, payload, maxInflated);
  } catch (e) {
    const reason = `${codecName(header.compression)} batch: ${(e as Error).message}`;
    return kafkaError(e instanceof InflatedTooLarge ? 'INVALID_RECORD' : 'UNKNOWN_SERVER_ERROR', reason);
  }
}

/**
 * Walks the records of a batch (`records` from batchRecords) and yields each record's absolute
 * offset, timestamp (baseTimestamp + timestampDelta, or maxTimestamp under LogAppendTime) and
 * whether it has a key.
 */
export function* walkRecords(records: Buffer, header: BatchHeader): Generator<{ offset: bigint; timestamp: bigint; hasKey: boolean }> {
  let p = 0;
  const end = records.length;
  while (p < end) {
    const len = varintAt(records, p, end);
    if (!(len >= 0)) return;
    const recEnd = cursor + len;
    const tsDelta = varlongAt(records, cursor + 1, recEnd); // skip the attributes int8
    if (tsDelta === null) return;
    const offDelta = varintAt(records, cursor, recEnd);
    const keyLength = varintAt(records, cursor, recEnd);
    if (Number.isNaN(offDelta) || Number.isNaN(keyLength)) return;
    yield {
      offset: header.baseOffset + BigInt(offDelta),
      timestamp: header.timestampType === 1 ? header.maxTimestamp : header.baseTimestamp + tsDelta,
      hasKey: keyLength >= 0,
    };
    p = recEnd;
  }
}

/**
 * Kafka's LogValidator checks of each record of a produced batch (`records` from batchRecords), in
 * one pass that allocates nothing per record: `late` lists the indexes of the records whose
 * CreateTime timestamp lies more than afterMaxMs ahead of nowMs or beforeMaxMs behind it, and
 * `keyless`, when keysRequired (a compacted topic), those without a key. A malformed record ends
 * the walk, as walkRecords does.
 */
export function producedRecordProblems(
  batch: ProducedBatch,
  records: Buffer,
  nowMs: number,
  beforeMaxMs: number,
  afterMaxMs: number,
  keysRequired: boolean,
): { late: number[]; keyless: number[] } {
  const late: number[] = [];
  const keyless: number[] = [];
  const checkTimes = batch.timestampType === 0;
  if (!checkTimes && !keysRequired) return { late, keyless };
  const base = Number(batch.baseTimestamp);
  const end = records.length;
  for (let p = 0, i = 0; p < end; i++) {
    const len = varintAt(records, p, end);
    if (!(len >= 0)) break;
    const recEnd = cursor + len;
    const ts = base + varlongNumberAt(records, cursor + 1, recEnd); // skip the attributes int8
    if (Number.isNaN(ts) || Number.isNaN(varintAt(records, cursor, recEnd))) break; // offset delta
    const keyLength = varintAt(records, cursor, recEnd);
    if (Number.isNaN(keyLength)) break;
    if (checkTimes && (ts - nowMs > afterMaxMs || nowMs - ts > beforeMaxMs)) late.push(i);
    if (keysRequired && keyLength < 0) keyless.push(i);
    p = recEnd;
  }
  return { late, keyless };
}

/** Kafka's LegacyRecord.RECORD_OVERHEAD_V0: no batch length of any format is smaller. */
const LEGACY_RECORD_OVERHEAD = 14;

/**
 * What Kafka's ProduceRequest.validateRecords refuses (v3+) before any append, or null: the records
 * must frame exactly one whole batch of magic 2. Kafka's batch iterator stops silently at a
 * truncated batch, so a truncated one counts as none. A batch length below the smallest record is
 * left to validateProducedRecords (CORRUPT_MESSAGE, as Kafka's iterator throws).
 */
export function singleBatchProblem(records: Buffer): string | null {
  if (records.length < LOG_OVERHEAD) return 'no record batch';
  const size = records.readInt32BE(8) + LOG_OVERHEAD;
  if (size - LOG_OVERHEAD < LEGACY_RECORD_OVERHEAD) return null;
  if (size > records.length) return 'no whole record batch';
  const magic = records.readInt8(MAGIC_OFFSET);
  if (magic !== 2) return `message format v${magic} is not allowed, only v2`;
  if (size < records.length) return 'more than one record batch';
  return null;
}

export interface ValidateOptions {
  /** max.message.bytes: the largest batch accepted. */
  maxMessageBytes: number;
  /** segment.bytes: a Produce's records for one partition may not exceed it (RECORD_LIST_TOO_LARGE). */
  segmentBytes?: number;
  /** Walk varint lengths of uncompressed batches to check recordCount (default true). */
  checkRecordCount?: boolean;
  /** The broker's own transaction markers (a client's control batch is INVALID_RECORD). */
  allowControl?: boolean;
}

/**
 * Splits the records blob of one partition in a Produce request into v2 batches and validates each
 * the way Kafka's LogValidator does for what a client may send. Batches are views into `records`,
 * so the caller's later in-place rewrites (base offset, LogAppendTime) land in those bytes.
 */
export function validateProducedRecords(records: Buffer, opts: ValidateOptions): { batches: ProducedBatch[] } | KafkaErrorResult {
  if (opts.segmentBytes !== undefined && records.length > opts.segmentBytes) {
    return kafkaError(
      'RECORD_LIST_TOO_LARGE',
      `records of ${records.length} bytes exceed segment.bytes ${opts.segmentBytes}`,
    );
  }
  const batches: ProducedBatch[] = [];
  let pos = 0;
  while (pos < records.length) {
    if (records.length - pos < 17) {
      return kafkaError('CORRUPT_MESSAGE', `truncated batch at ${pos}: ${records.length - pos} bytes left`);
    }
    // Magic sits at byte 16 in every message format, so old formats are told apart before parsing.
    const magic = records.readInt8(pos + MAGIC_OFFSET);
    if (magic === 0 || magic === 1) {
      return kafkaError('UNSUPPORTED_FOR_MESSAGE_FORMAT', `message format v${magic} is not supported, only v2`);
    }
    if (magic !== 2) return kafkaError('CORRUPT_MESSAGE', `unknown magic ${magic} at ${pos}`);
    const header = readBatchHeader(records, pos);
    if (!header) return kafkaError('CORRUPT_MESSAGE', `truncated batch header at ${pos}`);
    if (header.size < BATCH_HEADER_SIZE) {
      return kafkaError('CORRUPT_MESSAGE', `batch length ${header.batchLength} is below the minimum`);
    }
    if (pos + header.size > records.length) {
      return kafkaError(
        'CORRUPT_MESSAGE',
        `truncated batch at ${pos}: ${header.size} bytes declared, ${records.length - pos} present`,
      );
    }
    if (header.size > opts.maxMessageBytes) {
      return kafkaError(
        'MESSAGE_TOO_LARGE',
        `batch of ${header.size} bytes exceeds max.message.bytes ${opts.maxMessageBytes}`,
      );
    }
    if (!checkBatchCrc(records, pos, header.size)) {
      return kafkaError('CORRUPT_MESSAGE', `CRC mismatch in batch at ${pos}`);
    }
    if (header.isControl && !opts.allowControl) return kafkaError('INVALID_RECORD', 'clients may not write control batches');
    if (header.recordCount < 1) return kafkaError('INVALID_RECORD', `batch has ${header.recordCount} records`);
    if (header.lastOffsetDelta !== header.recordCount - 1) {
      return kafkaError(
        'INVALID_RECORD',
        `lastOffsetDelta ${header.lastOffsetDelta} does not match recordCount ${header.recordCount}`,
      );
    }
    if (header.compression > 4) {
      return kafkaError('CORRUPT_MESSAGE', `unknown compression codec ${header.compression}`);
    }
    if (header.compression === 0 && opts.checkRecordCount !== false) {
      const n = countUncompressedRecords(records, pos, header.size);
      if (n !== header.recordCount) {
        return kafkaError(
          'INVALID_RECORD',
          n < 0
            ? `record lengths do not fill the batch at ${pos}`
            : `batch declares ${header.recordCount} records but holds ${n}`,
        );
      }
    }
    batches.push({ ...header, bytes: records.subarray(pos, pos + header.size) });
    pos += header.size;
  }
  return { batches };
}
