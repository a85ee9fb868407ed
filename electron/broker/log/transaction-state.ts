// The transactions of one partition, as Kafka's ProducerStateManager tracks them: per producer id,
// the first offset of its ongoing transaction (from its first transactional batch to its COMMIT
// or ABORT marker), and the aborted transactions (Kafka's .txnindex entries: producer id, first
// offset, last offset = the ABORT marker's offset, and the last stable offset once it was written)
// that read_committed consumers are told about. The segments' .txnindex files are written from
// here in Kafka's format when a segment rolls or the log closes, as the other indexes are.
// The last stable offset is the first offset of the oldest ongoing transaction, or the high
// watermark when none is open. Rebuilt from batch headers and markers on recovery, and kept in the
// producer snapshot so a restart replays only the batches after it.

export interface AbortedTxn {
  producerId: bigint;
  firstOffset: bigint;
  lastOffset: bigint;
  lastStableOffset: bigint;
}

/** Kafka's AbortedTxn entry: int16 version 0, producerId, firstOffset, lastOffset, lastStableOffset. */
const TXN_INDEX_ENTRY_SIZE = 34;

export interface OngoingTxn {
  producerId: bigint;
  producerEpoch: number;
  firstOffset: bigint;
  /** Broker time of the transaction's first batch on this partition. */
  startTimestamp: bigint;
}

export type TxnSnapshot = { ongoing: [string, number, string, string][]; aborted: ([string, string, string] | [string, string, string, string])[] };

export const CONTROL_ABORT = 0;
export const CONTROL_COMMIT = 1;

export class PartitionTxnState {
  readonly ongoing = new Map<bigint, OngoingTxn>();
  /** Ordered by lastOffset (markers are appended in offset order). */
  private aborted: AbortedTxn[] = [];

  /** A transactional data batch starting at `offset` is in the log. */
  onData(producerId: bigint, producerEpoch: number, offset: bigint, timestamp: bigint): void {
    if (!this.ongoing.has(producerId)) this.ongoing.set(producerId, { producerId, producerEpoch, firstOffset: offset, startTimestamp: timestamp });
  }

  /** A marker at `offset` ends the producer's transaction, if one is open here. */
  onMarker(producerId: bigint, type: number, offset: bigint): void {
    const txn = this.ongoing.get(producerId);
    if (!txn) return;
    this.ongoing.delete(producerId);
    if (type === CONTROL_ABORT) {
      const lastStableOffset = this.lastStableOffset(offset + 1n);
      this.aborted.push({ producerId, firstOffset: txn.firstOffset, lastOffset: offset, lastStableOffset });
    }
  }

  /** The first offset of the oldest ongoing transaction, else `highWatermark`. */
  lastStableOffset(highWatermark: bigint): bigint {
    let lso = highWatermark;
    for (const t of this.ongoing.values()) if (t.firstOffset < lso) lso = t.firstOffset;
    return lso;
  }

  get abortedCount(): number {
    return this.aborted.length;
  }

  /** Aborted transactions overlapping [from, upTo): what a read_committed fetch of that range must skip. */
  abortedIn(from: bigint, upTo: bigint): { producerId: bigint; firstOffset: bigint }[] {
    const out: { producerId: bigint; firstOffset: bigint }[] = [];
    for (const a of this.aborted) {
      if (a.lastOffset >= from && a.firstOffset < upTo) out.push({ producerId: a.producerId, firstOffset: a.firstOffset });
    }
    return out;
  }

  /** The .txnindex bytes of a segment: the aborted transactions whose marker lies in [from, to). */
  txnIndexBytes(from: bigint, to: bigint): Buffer {
    const entries = this.aborted.filter((a) => a.lastOffset >= from && a.lastOffset < to);
    const buf = Buffer.alloc(entries.length * TXN_INDEX_ENTRY_SIZE);
    entries.forEach((a, i) => {
      const at = i * TXN_INDEX_ENTRY_SIZE;
      buf.writeInt16BE(0, at);
      buf.writeBigInt64BE(a.producerId, at + 2);
      buf.writeBigInt64BE(a.firstOffset, at + 10);
      buf.writeBigInt64BE(a.lastOffset, at + 18);
      buf.writeBigInt64BE(a.lastStableOffset, at + 26);
    });
    return buf;
  }

  /** Forgets aborted transactions wholly below the log start offset (their records are gone). */
  trimBelow(logStartOffset: bigint): void {
    if (this.aborted.length > 0 && this.aborted[0].lastOffset < logStartOffset) {
      this.aborted = this.aborted.filter((a) => a.lastOffset >= logStartOffset);
    }
  }

  clear(): void {
    this.ongoing.clear();
    this.aborted = [];
  }

  toSnapshot(): TxnSnapshot {
    return {
      ongoing: [...this.ongoing.values()].map((t) => [t.producerId.toString(), t.producerEpoch, t.firstOffset.toString(), t.startTimestamp.toString()]),
      aborted: this.aborted.map((a) => [a.producerId.toString(), a.firstOffset.toString(), a.lastOffset.toString(), a.lastStableOffset.toString()]),
    };
  }

  loadSnapshot(s: TxnSnapshot): void {
    this.clear();
    for (const [id, epoch, first, ts] of s.ongoing) {
      this.ongoing.set(BigInt(id), { producerId: BigInt(id), producerEpoch: epoch, firstOffset: BigInt(first), startTimestamp: BigInt(ts) });
    }
    this.aborted = s.aborted.map(([id, first, last, lso]) => ({
      producerId: BigInt(id),
      firstOffset: BigInt(first),
      lastOffset: BigInt(last),
      lastStableOffset: lso === undefined ? BigInt(last) + 1n : BigInt(lso),
    }));
  }
}
