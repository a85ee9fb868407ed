// The transaction coordinator, as Kafka's TransactionCoordinator runs transactions for clients of
// transaction version 0/1 (EndTxn up to v4, AddPartitionsToTxn up to v3 from clients): one
// metadata entry per transactional id, every state change written to __transaction_state before it
// takes effect (txn-log.ts), markers written to every partition of a transaction on EndTxn.
//
// States and answers follow Kafka's: InitProducerId gives a new id with epoch 0, then bumps the
// epoch on every call (a new id once the epoch is exhausted); called while a transaction is
// Ongoing it fences the old producer (epoch + 1), aborts the transaction with that epoch and
// answers CONCURRENT_TRANSACTIONS, so the client retries and gets the next epoch. An unknown id
// or another producer id is INVALID_PRODUCER_ID_MAPPING, another epoch PRODUCER_FENCED (handlers
// turn it into INVALID_PRODUCER_EPOCH for versions that predate it), EndTxn without an ongoing
// transaction INVALID_TXN_STATE, a retried EndTxn of the transaction just completed NONE.
// EndTxn runs to completion within the request (PrepareCommit/PrepareAbort, markers, Complete*);
// a crash in between leaves the Prepare record, and loading completes it, so a transaction ends
// committed or aborted everywhere, never half. Transactions running past their timeout are
// fenced and aborted by a periodic check, which also retries markers a failed write left unwritten;
// ids idle past transactional.id.expiration.ms are removed.
import type { Broker } from '../broker';
import { ErrorCode } from '../protocol/errors';
import { producerIdsFor } from '../producer-ids';
import { OFFSETS_TOPIC } from '../groups/offsets-topic';
import { writeMarker } from './markers';
import { TxnLog } from './txn-log';
import { TXN_STATE_NAMES, TxnState, type TransactionLogValue, type TxnStateId } from './txn-log-records';

export interface TxnMetadata {
  readonly transactionalId: string;
  producerId: bigint;
  producerEpoch: number;
  timeoutMs: number;
  state: TxnStateId;
  /** topic -> partitions in the transaction. */
  partitions: Map<string, Set<number>>;
  startTimestamp: number;
  lastUpdateTimestamp: number;
}

export interface TxnCoordinatorConfig {
  numPartitions: number;
  maxTimeoutMs: number;
  abortTimedOutIntervalMs: number;
  idExpirationMs: number;
}

const EPOCH_EXHAUSTED = 0x7fff - 1;

export class TransactionCoordinator {
  private readonly txns = new Map<string, TxnMetadata>();
  readonly txnLog: TxnLog;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly config: TxnCoordinatorConfig,
  ) {
    this.txnLog = new TxnLog(broker.logs, config.numPartitions, broker.log);
  }

  /** Restores every id from __transaction_state and completes transactions a crash left in Prepare. */
  load(nowMs = Date.now()): void {
    for (const [id, v] of this.txnLog.load(nowMs)) this.txns.set(id, fromRecord(id, v));
    for (const m of this.txns.values()) {
      if (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort) {
        const commit = m.state === TxnState.PrepareCommit;
        this.broker.log(`completing the ${commit ? 'commit' : 'abort'} of transaction ${m.transactionalId} left by the last run`);
        this.tryComplete(m, commit, nowMs);
      }
    }
    if (this.txns.size > 0) this.broker.log(`loaded ${this.txns.size} transactional id(s) from __transaction_state`);
    this.timer = setInterval(() => this.tick(), this.config.abortTimedOutIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get(transactionalId: string): TxnMetadata | undefined {
    return this.txns.get(transactionalId);
  }

  all(): Iterable<TxnMetadata> {
    return this.txns.values();
  }

  /** InitProducerId for a transactional id: the producer id and epoch to use, or an error code. */
  initProducerId(
    transactionalId: string,
    timeoutMs: number,
    expected: { producerId: bigint; producerEpoch: number } | null,
    nowMs = Date.now(),
  ): { errorCode: number; producerId: bigint; producerEpoch: number } {
    const refuse = (errorCode: number) => ({ errorCode, producerId: -1n, producerEpoch: -1 });
    if (timeoutMs <= 0 || timeoutMs > this.config.maxTimeoutMs) return refuse(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    let m = this.txns.get(transactionalId);
    if (m && expected && (expected.producerId !== m.producerId || expected.producerEpoch !== m.producerEpoch)) {
      return refuse(ErrorCode.PRODUCER_FENCED);
    }
    if (m && (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort)) return refuse(ErrorCode.CONCURRENT_TRANSACTIONS);
    if (m && m.state === TxnState.Ongoing) {
      // Fence the producer of the open transaction and abort it; the client retries.
      const error = this.end(m, false, m.producerEpoch + 1, nowMs);
      return refuse(error === ErrorCode.NONE ? ErrorCode.CONCURRENT_TRANSACTIONS : error);
    }
    const allocate = () => producerIdsFor(this.broker, this.broker.logs.dataDir).allocate();
    const fresh = !m || m.producerEpoch >= EPOCH_EXHAUSTED;
    const next: TxnMetadata = {
      transactionalId,
      producerId: fresh ? allocate() : m!.producerId,
      producerEpoch: fresh ? 0 : m!.producerEpoch + 1,
      timeoutMs,
      state: TxnState.Empty,
      partitions: new Map(),
      startTimestamp: -1,
      lastUpdateTimestamp: nowMs,
    };
    const error = this.persist(next, nowMs);
    if (error !== ErrorCode.NONE) return refuse(error);
    m = next;
    return { errorCode: ErrorCode.NONE, producerId: m.producerId, producerEpoch: m.producerEpoch };
  }

  /** The checks every request of an ongoing producer passes first. */
  private validate(transactionalId: string, producerId: bigint, producerEpoch: number): TxnMetadata | number {
    const m = this.txns.get(transactionalId);
    if (!m || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (m.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    if (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort) return ErrorCode.CONCURRENT_TRANSACTIONS;
    return m;
  }

  /** AddPartitionsToTxn (and AddOffsetsToTxn, with the group's __consumer_offsets partition). */
  addPartitions(
    transactionalId: string,
    producerId: bigint,
    producerEpoch: number,
    partitions: readonly { topic: string; partition: number }[],
    nowMs = Date.now(),
  ): number {
    const m = this.validate(transactionalId, producerId, producerEpoch);
    if (typeof m === 'number') return m;
    const missing = partitions.filter((p) => !m.partitions.get(p.topic)?.has(p.partition));
    if (m.state === TxnState.Ongoing && missing.length === 0) return ErrorCode.NONE;
    const next: TxnMetadata = { ...m, partitions: copyPartitions(m.partitions), state: TxnState.Ongoing, lastUpdateTimestamp: nowMs };
    if (m.state !== TxnState.Ongoing) {
      next.partitions = new Map();
      next.startTimestamp = nowMs;
    }
    for (const p of partitions) {
      let set = next.partitions.get(p.topic);
      if (!set) next.partitions.set(p.topic, (set = new Set()));
      set.add(p.partition);
    }
    return this.persist(next, nowMs);
  }

  /**
   * Whether a transactional write by this producer to this partition may go in (Kafka's
   * partition verification): the partition must be in the producer's ongoing transaction.
   */
  verifyPartition(transactionalId: string, producerId: bigint, producerEpoch: number, topic: string, partition: number): number {
    const m = this.txns.get(transactionalId);
    if (m && m.producerId === producerId && producerEpoch < m.producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (!m || m.producerId !== producerId || m.state !== TxnState.Ongoing || !m.partitions.get(topic)?.has(partition)) {
      return ErrorCode.INVALID_TXN_STATE;
    }
    return ErrorCode.NONE;
  }

  /** EndTxn from the client. */
  endTxn(transactionalId: string, producerId: bigint, producerEpoch: number, commit: boolean, nowMs = Date.now()): number {
    const m = this.validate(transactionalId, producerId, producerEpoch);
    if (typeof m === 'number') return m;
    if (m.state === TxnState.CompleteCommit) return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
    if (m.state === TxnState.CompleteAbort) return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
    if (m.state !== TxnState.Ongoing) return ErrorCode.INVALID_TXN_STATE;
    return this.end(m, commit, m.producerEpoch, nowMs);
  }

  /** Prepare (written), markers, Complete (written). */
  private end(m: TxnMetadata, commit: boolean, epoch: number, nowMs: number): number {
    const prepared: TxnMetadata = {
      ...m,
      producerEpoch: epoch,
      state: commit ? TxnState.PrepareCommit : TxnState.PrepareAbort,
      lastUpdateTimestamp: nowMs,
    };
    const error = this.persist(prepared, nowMs);
    if (error !== ErrorCode.NONE) return error;
    return this.tryComplete(prepared, commit, nowMs);
  }

  /** Writes the markers of a prepared transaction, then its Complete record. */
  private tryComplete(m: TxnMetadata, commit: boolean, nowMs: number): number {
    for (const [topic, set] of m.partitions) {
      for (const partition of set) {
        const log = this.broker.logs.partition(topic, partition);
        // A partition deleted since it joined has nothing to mark, as in Kafka.
        if (!log) continue;
        const failed = writeMarker(log, m.producerId, m.producerEpoch, commit, nowMs);
        if (failed) {
          this.broker.log(`writing a marker to ${topic}-${partition} for ${m.transactionalId} failed: ${failed.message}`);
          return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        if (topic === OFFSETS_TOPIC) this.broker.offsets.completeTransaction(m.producerId, partition, commit);
      }
    }
    const state = commit ? TxnState.CompleteCommit : TxnState.CompleteAbort;
    return this.persist({ ...m, state, partitions: new Map(), lastUpdateTimestamp: nowMs }, nowMs);
  }

  private persist(next: TxnMetadata, nowMs: number): number {
    try {
      this.txnLog.write(next.transactionalId, toRecord(next), nowMs);
    } catch (err) {
      this.broker.log(`writing the state of transaction ${next.transactionalId} failed: ${(err as Error).message}`);
      return (err as { errorCode?: number }).errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    this.txns.set(next.transactionalId, next);
    return ErrorCode.NONE;
  }

  /**
   * Aborts timed-out transactions (fencing their producer), writes the markers of a transaction
   * whose markers failed to be written (it stays Prepare* meanwhile, answering CONCURRENT_TRANSACTIONS),
   * and removes long-idle ids.
   */
  tick(nowMs = Date.now()): void {
    for (const m of [...this.txns.values()]) {
      if (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort) {
        this.tryComplete(m, m.state === TxnState.PrepareCommit, nowMs);
      } else if (m.state === TxnState.Ongoing && m.startTimestamp + m.timeoutMs < nowMs) {
        this.broker.log(`aborting transaction ${m.transactionalId}: it ran past its timeout of ${m.timeoutMs} ms`);
        this.end(m, false, m.producerEpoch >= EPOCH_EXHAUSTED ? m.producerEpoch : m.producerEpoch + 1, nowMs);
      } else if (
        (m.state === TxnState.Empty || m.state === TxnState.CompleteCommit || m.state === TxnState.CompleteAbort) &&
        nowMs - m.lastUpdateTimestamp > this.config.idExpirationMs
      ) {
        try {
          this.txnLog.write(m.transactionalId, null, nowMs);
          this.txns.delete(m.transactionalId);
        } catch (err) {
          this.broker.log(`expiring transactional id ${m.transactionalId} failed: ${(err as Error).message}`);
        }
      }
    }
  }
}

export const txnStateName = (m: TxnMetadata): string => TXN_STATE_NAMES[m.state];

function copyPartitions(p: Map<string, Set<number>>): Map<string, Set<number>> {
  return new Map([...p].map(([t, s]) => [t, new Set(s)]));
}

function toRecord(m: TxnMetadata): TransactionLogValue {
  const partitions = [...m.partitions].map(([topic, s]) => ({ topic, partitionIds: [...s].sort((a, b) => a - b) }));
  return {
    producerId: m.producerId,
    previousProducerId: -1n,
    nextProducerId: -1n,
    producerEpoch: m.producerEpoch,
    transactionTimeoutMs: m.timeoutMs,
    transactionStatus: m.state,
    // Kafka writes null partitions for an Empty transaction.
    transactionPartitions: m.state === TxnState.Empty ? null : partitions,
    transactionLastUpdateTimestampMs: BigInt(m.lastUpdateTimestamp),
    transactionStartTimestampMs: BigInt(m.startTimestamp),
    clientTransactionVersion: 0,
  };
}

function fromRecord(transactionalId: string, v: TransactionLogValue): TxnMetadata {
  const partitions = new Map<string, Set<number>>();
  for (const p of v.transactionPartitions ?? []) partitions.set(p.topic, new Set(p.partitionIds));
  return {
    transactionalId,
    producerId: v.producerId,
    producerEpoch: v.producerEpoch,
    timeoutMs: v.transactionTimeoutMs,
    state: v.transactionStatus as TxnStateId,
    partitions,
    startTimestamp: Number(v.transactionStartTimestampMs),
    lastUpdateTimestamp: Number(v.transactionLastUpdateTimestampMs),
  };
}
