// Transactional requests that Kafka refuses, over raw requests, with Kafka 4.3.1's error codes:
// EndTxn for a transaction that never began, a stale epoch after fencing (PRODUCER_FENCED, or
// INVALID_PRODUCER_EPOCH for versions before KIP-588), an unknown producer id, a produce to a
// partition outside the transaction, a timeout out of range; the broker stays up and nothing
// stored is lost. Also transaction timeouts (the coordinator aborts and fences) and
// DescribeTransactions / ListTransactions / DescribeProducers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { until } from '../support/until';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { encodeRecordBatch } from '../../electron/broker/protocol/record-encoder';
import { crc32c } from '../../electron/broker/protocol/crc32c';

/** A transactional batch as a client writes it (sequence from baseSequence; the CRC covers it). */
function txnBatch(producerId: bigint, producerEpoch: number, baseSequence: number, value: string): Buffer {
  const batch = encodeRecordBatch([{ key: null, value: Buffer.from(value), timestamp: BigInt(Date.now()) }], { producerId, producerEpoch });
  batch.writeInt32BE(baseSequence, 53);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

async function session(b: TestBroker) {
  const c = await RawClient.connect(b.port);
  const init = (transactionalId: string, transactionTimeoutMs = 60_000, version = 4) =>
    c.request(ApiKey.InitProducerId, version, { transactionalId, transactionTimeoutMs, producerId: -1n, producerEpoch: -1 });
  const addPartitions = (transactionalId: string, producerId: bigint, producerEpoch: number, topic: string, partitions: number[], version = 3) =>
    c.request(ApiKey.AddPartitionsToTxn, version, {
      transactions: [],
      v3AndBelowTransactionalId: transactionalId,
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: [{ name: topic, partitions }],
    });
  const endTxn = (transactionalId: string, producerId: bigint, producerEpoch: number, committed: boolean, version = 3) =>
    c.request(ApiKey.EndTxn, version, { transactionalId, producerId, producerEpoch, committed });
  const produce = (transactionalId: string | null, topic: string, records: Buffer) =>
    c.request(ApiKey.Produce, 9, { transactionalId, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return { c, init, addPartitions, endTxn, produce };
}

test('EndTxn never begun, stale epochs, unknown producer ids and partitions outside the transaction get Kafka\'s errors', async () => {
  const b = await startTestBroker();
  const s = await session(b);
  try {
    b.running.broker.logs.createTopic('t', 1, {});
    const first = await s.init('raw-tx');
    assert.equal(first.errorCode, ErrorCode.NONE);
    assert.equal(first.producerEpoch, 0);
    const { producerId } = first;

    // EndTxn with nothing begun.
    assert.equal((await s.endTxn('raw-tx', producerId, 0, true)).errorCode, ErrorCode.INVALID_TXN_STATE);
    // Unknown transactional id, and a producer id that is not the id's.
    assert.equal((await s.endTxn('nobody', producerId, 0, true)).errorCode, ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    assert.equal((await s.endTxn('raw-tx', producerId + 100n, 0, true)).errorCode, ErrorCode.INVALID_PRODUCER_ID_MAPPING);

    // A produce to a partition not added to the transaction.
    const refused = await s.produce('raw-tx', 't', txnBatch(producerId, 0, 0, 'early'));
    assert.equal(refused.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_TXN_STATE);

    const added = await s.addPartitions('raw-tx', producerId, 0, 't', [0]);
    assert.equal(added.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode, ErrorCode.NONE);
    const unknown = await s.addPartitions('raw-tx', producerId, 0, 'no-such-topic', [0]);
    assert.equal(unknown.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const ok = await s.produce('raw-tx', 't', txnBatch(producerId, 0, 0, 'inside'));
    assert.equal(ok.responses[0].partitionResponses[0].errorCode, ErrorCode.NONE);

    // A second InitProducerId fences the open transaction: CONCURRENT_TRANSACTIONS, then epoch 2.
    assert.equal((await s.init('raw-tx')).errorCode, ErrorCode.CONCURRENT_TRANSACTIONS);
    const second = await s.init('raw-tx');
    assert.equal(second.errorCode, ErrorCode.NONE);
    assert.equal(second.producerId, producerId);
    assert.equal(second.producerEpoch, 2);

    // The zombie (epoch 0): PRODUCER_FENCED from v2, INVALID_PRODUCER_EPOCH before.
    assert.equal((await s.endTxn('raw-tx', producerId, 0, true, 3)).errorCode, ErrorCode.PRODUCER_FENCED);
    assert.equal((await s.endTxn('raw-tx', producerId, 0, true, 1)).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
    const zombieAdd = await s.addPartitions('raw-tx', producerId, 0, 't', [0], 1);
    assert.equal(zombieAdd.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode, ErrorCode.INVALID_PRODUCER_EPOCH);
    const zombieProduce = await s.produce('raw-tx', 't', txnBatch(producerId, 0, 1, 'zombie'));
    assert.equal(zombieProduce.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_PRODUCER_EPOCH);

    // The fenced transaction was aborted: its record is skipped by read_committed.
    const log = b.running.broker.logs.partition('t', 0)!;
    assert.equal(log.lastStableOffset, log.logEndOffset);
    assert.deepEqual(log.abortedTransactions(0n, log.logEndOffset), [{ producerId, firstOffset: 0n }]);

    // Out-of-range timeouts and an empty id.
    assert.equal((await s.init('raw-tx', 0)).errorCode, ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    assert.equal((await s.init('raw-tx', 900_001)).errorCode, ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    assert.equal((await s.init('')).errorCode, ErrorCode.INVALID_REQUEST);

    // The broker is still up and the successor works: commit, then a retried commit is NONE.
    await s.addPartitions('raw-tx', producerId, 2, 't', [0]);
    assert.equal((await s.produce('raw-tx', 't', txnBatch(producerId, 2, 0, 'successor'))).responses[0].partitionResponses[0].errorCode, ErrorCode.NONE);
    assert.equal((await s.endTxn('raw-tx', producerId, 2, true)).errorCode, ErrorCode.NONE);
    assert.equal((await s.endTxn('raw-tx', producerId, 2, true)).errorCode, ErrorCode.NONE);
    assert.equal((await s.endTxn('raw-tx', producerId, 2, false)).errorCode, ErrorCode.INVALID_TXN_STATE);
    // inside, ABORT, successor, COMMIT
    assert.equal(log.logEndOffset, 4n);

    const fetched = await s.c.request(ApiKey.Fetch, 11, {
      clusterId: null,
      replicaId: -1,
      replicaState: { replicaId: -1, replicaEpoch: -1n },
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 't', topicId: Buffer.alloc(16), partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20, replicaDirectoryId: Buffer.alloc(16) }] }],
      forgottenTopicsData: [],
      rackId: '',
    });
    const p = fetched.responses[0].partitions[0];
    assert.equal(p.lastStableOffset, 4n);
    assert.deepEqual(p.abortedTransactions, [{ producerId, firstOffset: 0n }]);
  } finally {
    s.c.close();
    await b.stop();
  }
});

test('a transaction past its timeout is aborted and its producer fenced', async () => {
  const b = await startTestBroker({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': '100' });
  const s = await session(b);
  try {
    b.running.broker.logs.createTopic('slow', 1, {});
    const { producerId } = await s.init('slow-tx', 200);
    await s.addPartitions('slow-tx', producerId, 0, 'slow', [0]);
    await s.produce('slow-tx', 'slow', txnBatch(producerId, 0, 0, 'late'));
    const log = b.running.broker.logs.partition('slow', 0)!;
    assert.equal(log.lastStableOffset, 0n);
    await until('the coordinator to abort the timed-out transaction', () => log.lastStableOffset === log.logEndOffset);
    assert.equal(log.abortedTransactions(0n, log.logEndOffset).length, 1);
    assert.equal(b.running.broker.transactions.get('slow-tx')!.producerEpoch, 1);
    assert.equal((await s.endTxn('slow-tx', producerId, 0, true)).errorCode, ErrorCode.PRODUCER_FENCED);
  } finally {
    s.c.close();
    await b.stop();
  }
});

test('DescribeTransactions, ListTransactions and DescribeProducers', async () => {
  const b = await startTestBroker();
  const s = await session(b);
  try {
    b.running.broker.logs.createTopic('d', 1, {});
    const { producerId } = await s.init('described', 30_000);
    await s.addPartitions('described', producerId, 0, 'd', [0]);
    await s.produce('described', 'd', txnBatch(producerId, 0, 0, 'open'));
    await s.init('idle');

    const described = await s.c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['described', 'missing'] });
    const [open, missing] = described.transactionStates;
    assert.equal(open.errorCode, ErrorCode.NONE);
    assert.equal(open.transactionState, 'Ongoing');
    assert.equal(open.transactionTimeoutMs, 30_000);
    assert.equal(open.producerId, producerId);
    assert.deepEqual(open.topics, [{ topic: 'd', partitions: [0] }]);
    assert.equal(missing.errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);

    const listed = await s.c.request(ApiKey.ListTransactions, 1, { stateFilters: [], producerIdFilters: [], durationFilter: -1n });
    assert.deepEqual(listed.transactionStates.map((t) => `${t.transactionalId}:${t.transactionState}`).sort(), ['described:Ongoing', 'idle:Empty']);
    const ongoing = await s.c.request(ApiKey.ListTransactions, 1, { stateFilters: ['Ongoing', 'Nonsense'], producerIdFilters: [], durationFilter: -1n });
    assert.deepEqual(ongoing.transactionStates.map((t) => t.transactionalId), ['described']);
    assert.deepEqual(ongoing.unknownStateFilters, ['Nonsense']);

    const producers = await s.c.request(ApiKey.DescribeProducers, 0, { topics: [{ name: 'd', partitionIndexes: [0, 7] }] });
    const [p0, p7] = producers.topics[0].partitions;
    assert.equal(p0.activeProducers.length, 1);
    assert.equal(p0.activeProducers[0].producerId, producerId);
    assert.equal(p0.activeProducers[0].currentTxnStartOffset, 0n);
    assert.equal(p0.activeProducers[0].lastSequence, 0);
    assert.equal(p7.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  } finally {
    s.c.close();
    await b.stop();
  }
});
