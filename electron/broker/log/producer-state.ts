// Idempotent-producer state of one partition, as Kafka's ProducerStateManager keeps it: per
// producer id, the current epoch and the metadata of the last five batches appended (Kafka's
// producers keep at most five requests in flight, so a retry is always one of those five).
// A retried batch is answered with its original offset instead of being appended twice; a gap in
// sequence numbers is refused, so a client never silently loses or reorders records.
//
// The state is rebuilt from batch headers on recovery (no record is decoded). To avoid reading
// every segment on start, a snapshot is written when a segment rolls and when the log closes
// (`<offset>.brook-producers.json`, our own format: Kafka's `.snapshot` files have a layout of their
// own that its tools would try to parse); recovery replays only the batches after the newest one.

import { closeSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaError, lastSequenceOf, type BatchHeader, type KafkaErrorResult } from '../protocol/record-batch';
import { controlRecordType } from '../protocol/record-encoder';
import { writeFileAtomic } from './files';
import { readFully, scanBatches } from './batch-scan';
import { PartitionTxnState, type TxnSnapshot } from './transaction-state';

const MAX_BATCHES_KEPT = 5;
/** The sequence of the broker's own transactional writes (TxnOffsetCommit): epoch checks only. */
const NO_SEQUENCE = -1;
const SNAPSHOT_SUFFIX = '.brook-producers.json';

interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: bigint;
  lastOffset: bigint;
  /** The batch's maxTimestamp after append (the LogAppendTime a duplicate is answered with). */
  timestamp: bigint;
}

interface ProducerEntry {
  epoch: number;
  batches: BatchMetadata[];
  /** The timestamp of the producer's last transaction marker here, if any (DescribeProducers). */
  markerTimestamp?: bigint;
}

export type ProducerCheck = { duplicate: BatchMetadata } | { ok: true } | KafkaErrorResult;

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 0x7fffffff);
}

export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerEntry>();
  /** Ongoing and aborted transactions (transaction-state.ts). */
  readonly txns = new PartitionTxnState();

  get size(): number {
    return this.producers.size;
  }

  /**
   * Checks batches that are about to be appended as one unit, with the offsets they will get.
   * Nothing changes until apply(). A duplicate of one of the last five batches wins over every
   * other check, as in Kafka (the client is retrying something that already succeeded).
   */
  check(batches: readonly BatchHeader[], firstOffset: bigint): ProducerCheck {
    const pending = new Map<bigint, ProducerEntry>();
    let offset = firstOffset;
    for (const b of batches) {
      const base = offset;
      offset += BigInt(b.lastOffsetDelta) + 1n;
      // Markers come from the coordinator, which has checked the epoch; they carry no sequence.
      if (b.producerId < 0n || b.isControl) continue;
      const entry = pending.get(b.producerId) ?? this.producers.get(b.producerId);
      const lastSeq = lastSequenceOf(b.baseSequence, b.lastOffsetDelta);
      if (entry && entry.epoch === b.producerEpoch) {
        const dup = entry.batches.find((m) => m.firstSeq === b.baseSequence && m.lastSeq === lastSeq);
        if (dup) return { duplicate: dup };
      }
      if (entry) {
        if (b.producerEpoch < entry.epoch) {
          return kafkaError(
            'INVALID_PRODUCER_EPOCH',
            `producer ${b.producerId} epoch ${b.producerEpoch} is older than the current epoch ${entry.epoch}`,
          );
        }
        if (b.baseSequence === NO_SEQUENCE) continue;
        if (b.producerEpoch !== entry.epoch) {
          if (b.baseSequence !== 0) {
            return kafkaError(
              'OUT_OF_ORDER_SEQUENCE_NUMBER',
              `producer ${b.producerId} epoch ${b.producerEpoch} must start at sequence 0, not ${b.baseSequence}`,
            );
          }
        } else {
          const last = entry.batches.length ? entry.batches[entry.batches.length - 1].lastSeq : -1;
          if (!inSequence(last, b.baseSequence)) {
            return kafkaError(
              'OUT_OF_ORDER_SEQUENCE_NUMBER',
              `producer ${b.producerId} sent sequence ${b.baseSequence}, expected ${last + 1}`,
            );
          }
        }
      }
      // An unknown producer is accepted at any sequence, as Kafka does since KIP-360: its state may
      // have been removed by retention while the producer lived on.
      const next = entry ? { epoch: entry.epoch, batches: entry.batches.slice() } : { epoch: b.producerEpoch, batches: [] };
      applyTo(next, b, base);
      pending.set(b.producerId, next);
    }
    return { ok: true };
  }

  /**
   * Records a batch that is now in the log (after append, or replayed by recovery). A control batch
   * needs its bytes at buf[at] (its record says COMMIT or ABORT).
   */
  apply(b: BatchHeader, buf?: Buffer, at = 0): void {
    if (b.producerId < 0n) return;
    if (b.isControl) {
      this.applyMarker(b, buf ? controlRecordType(buf, at, b) : -1);
      return;
    }
    if (b.isTransactional) this.txns.onData(b.producerId, b.producerEpoch, b.baseOffset, b.maxTimestamp);
    let entry = this.producers.get(b.producerId);
    if (!entry) {
      entry = { epoch: b.producerEpoch, batches: [] };
      this.producers.set(b.producerId, entry);
    }
    if (b.baseSequence === NO_SEQUENCE) {
      if (b.producerEpoch > entry.epoch) entry.epoch = b.producerEpoch;
      return;
    }
    applyTo(entry, b, b.baseOffset);
  }

  /** A marker ends the transaction and, when written with a bumped epoch (a fenced producer), moves the epoch. */
  private applyMarker(b: BatchHeader, type: number): void {
    let entry = this.producers.get(b.producerId);
    if (!entry) this.producers.set(b.producerId, (entry = { epoch: b.producerEpoch, batches: [] }));
    if (b.producerEpoch > entry.epoch) {
      entry.epoch = b.producerEpoch;
      entry.batches = [];
    }
    entry.markerTimestamp = b.maxTimestamp;
    if (type >= 0) this.txns.onMarker(b.producerId, type, b.baseOffset);
  }

  /** The producers of the partition with their epoch and last sequence and timestamp (DescribeProducers). */
  *describe(): Iterable<{ producerId: bigint; epoch: number; lastSequence: number; lastTimestamp: bigint; wroteMarker: boolean }> {
    for (const [producerId, e] of this.producers) {
      const last = e.batches[e.batches.length - 1];
      let lastTimestamp = last ? last.timestamp : -1n;
      if (e.markerTimestamp !== undefined && e.markerTimestamp > lastTimestamp) lastTimestamp = e.markerTimestamp;
      yield { producerId, epoch: e.epoch, lastSequence: last ? last.lastSeq : -1, lastTimestamp, wroteMarker: e.markerTimestamp !== undefined };
    }
  }

  clear(): void {
    this.producers.clear();
    this.txns.clear();
  }

  /** Writes a snapshot of the state as of `offset` (everything below it applied); keeps the 2 newest. */
  writeSnapshot(dir: string, offset: bigint): void {
    const producers = [...this.producers].map(([id, e]) => ({
      id: id.toString(),
      epoch: e.epoch,
      ...(e.markerTimestamp !== undefined ? { marker: e.markerTimestamp.toString() } : {}),
      batches: e.batches.map((m) => [m.firstSeq, m.lastSeq, m.firstOffset.toString(), m.lastOffset.toString(), m.timestamp.toString()]),
    }));
    const name = offset.toString().padStart(20, '0') + SNAPSHOT_SUFFIX;
    const txns = this.txns.toSnapshot();
    writeFileAtomic(join(dir, name), JSON.stringify({ version: 2, offset: offset.toString(), producers, txns }), { fsync: false });
    const old = listSnapshots(dir).filter((s) => s.offset !== offset);
    for (const s of old.slice(0, Math.max(0, old.length - 1))) unlinkQuiet(join(dir, s.name));
  }

  /**
   * Loads the newest readable snapshot taken at or below maxOffset; returns its offset (state is
   * complete below it) or null when there is none and the whole log must be replayed.
   */
  loadSnapshot(dir: string, maxOffset: bigint): bigint | null {
    this.clear();
    for (const s of listSnapshots(dir).reverse()) {
      if (s.offset > maxOffset) continue;
      try {
        const json = JSON.parse(readFileSync(join(dir, s.name), 'utf8')) as {
          version: number;
          producers: { id: string; epoch: number; marker?: string; batches: [number, number, string, string, string][] }[];
          txns?: TxnSnapshot;
        };
        // Version 1 predates transactions: the log it describes holds none.
        if (json.version !== 1 && json.version !== 2) continue;
        if (json.txns) this.txns.loadSnapshot(json.txns);
        for (const p of json.producers) {
          this.producers.set(BigInt(p.id), {
            epoch: p.epoch,
            ...(p.marker !== undefined ? { markerTimestamp: BigInt(p.marker) } : {}),
            batches: p.batches.map(([firstSeq, lastSeq, fo, lo, ts]) => ({
              firstSeq,
              lastSeq,
              firstOffset: BigInt(fo),
              lastOffset: BigInt(lo),
              timestamp: BigInt(ts),
            })),
          });
        }
        return s.offset;
      } catch {
        this.clear();
      }
    }
    return null;
  }

  /** Replays batch headers of a segment file from `fromOffset` on (headers only, no CRC). */
  replayFile(path: string, size: number, fromOffset: bigint): void {
    const fd = openSync(path, 'r');
    try {
      scanBatches(fd, 0, size, { verifyCrc: false }, (h, pos) => {
        if (h.baseOffset < fromOffset) return;
        if (!h.isControl) return this.apply(h);
        // Headers only were read; a marker is a few bytes, read whole for its type.
        const marker = Buffer.allocUnsafe(h.size);
        readFully(fd, marker, h.size, pos);
        this.apply(h, marker, 0);
      });
    } finally {
      closeSync(fd);
    }
  }
}

function applyTo(entry: ProducerEntry, b: BatchHeader, baseOffset: bigint): void {
  if (b.producerEpoch !== entry.epoch) {
    entry.epoch = b.producerEpoch;
    entry.batches = [];
  }
  entry.batches.push({
    firstSeq: b.baseSequence,
    lastSeq: lastSequenceOf(b.baseSequence, b.lastOffsetDelta),
    firstOffset: baseOffset,
    lastOffset: baseOffset + BigInt(b.lastOffsetDelta),
    timestamp: b.maxTimestamp,
  });
  if (entry.batches.length > MAX_BATCHES_KEPT) entry.batches.shift();
}

function listSnapshots(dir: string): { name: string; offset: bigint }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(SNAPSHOT_SUFFIX) && /^\d{20}$/.test(n.slice(0, 20)))
    .map((name) => ({ name, offset: BigInt(name.slice(0, 20)) }))
    .sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
