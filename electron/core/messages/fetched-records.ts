// The records of a Fetch answer's record batches, as a consumer sees them: compressed batches
// inflated (the broker's own codecs, so all five of Kafka's), control batches (transaction
// markers) passed over, records before the fetch offset dropped (a fetch from inside a batch gets
// the whole batch), and under read_committed the batches of aborted transactions left out, as
// Kafka's consumer does with the answer's aborted-transactions list. Each record is handed to
// `keep` as it is decoded, its key, value and headers views into the answer's bytes: a search looks
// at millions and keeps few, so nothing of a record it does not keep outlives its decoding.
import { inflate } from '../../broker/protocol/compression';
import { BATCH_HEADER_SIZE, readBatchHeader, type BatchHeader } from '../../broker/protocol/record-batch';

export interface FetchedHeader {
  key: Buffer;
  value: Buffer | null;
}

export interface BatchFacts {
  compression: number;
  bytes: number;
  records: number;
  leaderEpoch: number;
  transactional: boolean;
  producerId: number;
  logAppendTime: boolean;
}

export interface FetchedRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: FetchedHeader[];
  batch: BatchFacts;
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: bigint;
}

/** Inflated record data of one batch beyond this is refused: a bomb, not a record (the broker's own bound is alike). */
const MAX_INFLATED = 256 * 1024 * 1024;

/** What one partition's answer held: what `keep` made of its records, and the offset to fetch next. */
export interface FetchedPartition<T> {
  kept: T[];
  /** Records decoded in [from, until), kept or not. */
  seen: number;
  /** The offset after the last whole batch (the fetch offset when none was whole). */
  next: number;
}

/** What a reader makes of a record it wants (undefined: it does not). */
export type Keep<T> = (record: FetchedRecord) => T | undefined;

export interface FetchRange {
  partition: number;
  from: number;
  /** Records from here on are not decoded (null: no end). */
  until: number | null;
  /** The answer's aborted-transactions list under read_committed, null otherwise. */
  aborted: readonly AbortedTransaction[] | null;
}

/** The records of `range` in `data`, the record set of one partition of a Fetch answer, through `keep`. */
export function fetchedRecords<T>(data: Buffer | null, range: FetchRange, keep: Keep<T>): FetchedPartition<T> {
  const { from, aborted } = range;
  const out: FetchedPartition<T> = { kept: [], seen: 0, next: from };
  let next = from;
  if (!data) return out;
  const pending = aborted ? [...aborted].sort((a, b) => Number(a.firstOffset - b.firstOffset)) : [];
  const abortedProducers = new Set<bigint>();
  for (let pos = 0; ; ) {
    const header = readBatchHeader(data, pos);
    // A batch cut off at the answer's size limit is read whole by the next fetch.
    if (!header || header.size < BATCH_HEADER_SIZE || pos + header.size > data.length) break;
    const last = Number(header.baseOffset) + header.lastOffsetDelta;
    if (header.magic === 2 && last >= from) {
      while (pending.length && pending[0]!.firstOffset <= header.baseOffset + BigInt(header.lastOffsetDelta)) abortedProducers.add(pending.shift()!.producerId);
      if (header.isControl) {
        // An abort marker ends that producer's aborted transaction (key: version int16, type int16; 0 = ABORT).
        if (isAbortMarker(data, pos, header)) abortedProducers.delete(header.producerId);
      } else if (!(header.isTransactional && abortedProducers.has(header.producerId))) {
        readBatch(data, pos, header, range, keep, out);
      }
    }
    next = Math.max(next, last + 1);
    pos += header.size;
  }
  out.next = next;
  return out;
}

function isAbortMarker(data: Buffer, pos: number, header: BatchHeader): boolean {
  const c = new Cursor(data.subarray(pos + BATCH_HEADER_SIZE, pos + header.size));
  c.varint(); // record length
  c.pos++; // attributes
  c.varlong();
  c.varint();
  const key = c.bytes();
  return key !== null && key.length >= 4 && key.readInt16BE(2) === 0;
}

function readBatch<T>(data: Buffer, pos: number, header: BatchHeader, range: FetchRange, keep: Keep<T>, out: FetchedPartition<T>): void {
  const { partition, from, until } = range;
  const payload = data.subarray(pos + BATCH_HEADER_SIZE, pos + header.size);
  const records = header.compression === 0 ? payload : inflate(header.compression, payload, MAX_INFLATED);
  const batch: BatchFacts = {
    compression: header.compression,
    bytes: header.size,
    records: header.recordCount,
    leaderEpoch: header.partitionLeaderEpoch,
    transactional: header.isTransactional,
    producerId: Number(header.producerId),
    logAppendTime: header.timestampType === 1,
  };
  const base = Number(header.baseOffset);
  const baseTimestamp = Number(header.baseTimestamp);
  const c = new Cursor(records);
  for (let i = 0; i < header.recordCount && c.pos < records.length; i++) {
    const length = c.varint();
    const end = c.pos + length;
    if (length < 0 || end > records.length) throw new RangeError(`a record of ${length} bytes in a batch of ${records.length}`);
    c.pos++; // attributes: unused in v2 records
    const timestampDelta = c.varlong();
    const offset = base + c.varint();
    if (until !== null && offset >= until) return;
    if (offset < from) {
      c.pos = end;
      continue;
    }
    const key = c.bytes();
    const value = c.bytes();
    const headers: FetchedHeader[] = [];
    for (let h = c.varint(); h > 0; h--) headers.push({ key: c.bytes() ?? Buffer.alloc(0), value: c.bytes() });
    c.pos = end;
    out.seen++;
    const kept = keep({ partition, offset, timestamp: batch.logAppendTime ? Number(header.maxTimestamp) : baseTimestamp + timestampDelta, key, value, headers, batch });
    if (kept !== undefined) out.kept.push(kept);
  }
}

/** Zig-zag varints of the v2 record format, read without allocating. */
class Cursor {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new RangeError('a varint runs past the record');
      raw |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift > 28) throw new RangeError('a varint longer than 5 bytes');
    }
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** A zig-zag varlong as a number: record timestamp deltas fit well within 2^53. */
  varlong(): number {
    let raw = 0;
    let scale = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new RangeError('a varlong runs past the record');
      raw += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
      if (scale > 2 ** 63) throw new RangeError('a varlong longer than 10 bytes');
    }
    return raw % 2 ? -(raw + 1) / 2 : raw / 2;
  }

  bytes(): Buffer | null {
    const length = this.varint();
    if (length < 0) return null;
    const end = this.pos + length;
    if (end > this.buf.length) throw new RangeError(`${length} bytes run past the record`);
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }
}
