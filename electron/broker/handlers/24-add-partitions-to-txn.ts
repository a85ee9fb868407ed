// AddPartitionsToTxn (key 24), v0-5. v0-3 are what producers send: one transaction's partitions,
// added to its ongoing transaction (starting it) by the coordinator, which answers every
// partition with one error: INVALID_PRODUCER_ID_MAPPING for an unknown transactional id or another
// producer id, PRODUCER_FENCED for another epoch (INVALID_PRODUCER_EPOCH before v2),
// CONCURRENT_TRANSACTIONS while the previous transaction completes. When some partition does not
// exist, those get UNKNOWN_TOPIC_OR_PARTITION and the rest OPERATION_NOT_ATTEMPTED, as in Kafka.
// v4+ (brokers verifying a transactional write, KIP-890) batch several transactions; with
// verifyOnly the partitions are only checked: NONE when in the ongoing transaction, else
// INVALID_TXN_STATE.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';
import { fencedAs } from './txn-errors';

interface Topics {
  name: string;
  partitions: number[];
}
interface Txn {
  transactionalId: string;
  producerId: bigint;
  producerEpoch: number;
  verifyOnly: boolean;
  topics: Topics[];
}

function answer(broker: Broker, t: Txn, version: number) {
  const all = t.topics.flatMap((topic) => topic.partitions.map((partition) => ({ topic: topic.name, partition })));
  const exists = (p: { topic: string; partition: number }) => broker.logs.partition(p.topic, p.partition) !== undefined;
  let perPartition: (p: { topic: string; partition: number }) => number;
  if (all.some((p) => !exists(p))) {
    perPartition = (p) => (exists(p) ? ErrorCode.OPERATION_NOT_ATTEMPTED : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  } else if (t.verifyOnly) {
    perPartition = (p) => broker.transactions.verifyPartition(t.transactionalId, t.producerId, t.producerEpoch, p.topic, p.partition);
  } else {
    const code = fencedAs(broker.transactions.addPartitions(t.transactionalId, t.producerId, t.producerEpoch, all), version, 2);
    perPartition = () => code;
  }
  return t.topics.map((topic) => ({
    name: topic.name,
    resultsByPartition: topic.partitions.map((partitionIndex) => ({
      partitionIndex,
      partitionErrorCode: perPartition({ topic: topic.name, partition: partitionIndex }),
    })),
  }));
}

export default defineHandler({
  apiKey: ApiKey.AddPartitionsToTxn,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, version }) {
    if (version <= 3) {
      const txn = {
        transactionalId: request.v3AndBelowTransactionalId,
        producerId: request.v3AndBelowProducerId,
        producerEpoch: request.v3AndBelowProducerEpoch,
        verifyOnly: false,
        topics: request.v3AndBelowTopics,
      };
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction: [], resultsByTopicV3AndBelow: answer(broker, txn, version) };
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      resultsByTransaction: request.transactions.map((t) => ({ transactionalId: t.transactionalId, topicResults: answer(broker, t, version) })),
      resultsByTopicV3AndBelow: [],
    };
  },
});
