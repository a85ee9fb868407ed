// Produce (key 0). Advertised from v0 like Kafka 4 (librdkafka only speaks to brokers that list v0),
// served v3-v11; v0-v2 (message formats v0/v1) get UNSUPPORTED_VERSION on every partition.
// acks must be 0, 1 or -1 (else INVALID_REQUIRED_ACKS); acks=0 sends no response, and as in Kafka
// a failed acks=0 request closes the connection so the client notices. Every partition is checked
// on its own: UNKNOWN_TOPIC_OR_PARTITION (produce never creates topics: Metadata does),
// INVALID_TOPIC_EXCEPTION for an internal topic such as __consumer_offsets, then the
// batches are validated as Kafka's ProduceRequest (exactly one whole v2 batch, else INVALID_RECORD)
// and LogValidator do (CORRUPT_MESSAGE, MESSAGE_TOO_LARGE against the topic's max.message.bytes,
// INVALID_RECORD for a batch whose header lies, INVALID_TIMESTAMP with one recordError per record
// whose CreateTime timestamp is outside message.timestamp.{before,after}.max.ms, INVALID_RECORD with
// one recordError per keyless record when cleanup.policy has compact), then appended:
// the log does the idempotent sequence checks and answers a retried batch with its original offset.
// A compressed batch is inflated for those checks (any codec; a payload that does not decode is
// UNKNOWN_SERVER_ERROR as in Kafka, one that inflates past the bound of compression.ts
// INVALID_RECORD).
// The answer carries baseOffset, logAppendTimeMs (-1 unless the topic uses LogAppendTime) and
// logStartOffset, which on an error is the log's where Kafka reports it (validator and sequence
// errors) and -1 where Kafka refuses before consulting the log. Appending wakes waiting fetches
// through the log's onAppend listeners. The whole path is synchronous; records are read only for
// the timestamp and key checks, and the request's bytes are written as they are.
//
// A transactional batch is verified as Kafka's partition leader does (KIP-890): the partition must
// be in the producer's ongoing transaction (AddPartitionsToTxn), else INVALID_TXN_STATE, which
// v11+ (KIP-890) get as TRANSACTION_ABORTABLE as from Kafka 4.3.1 (also for a transactional batch
// in a request without transactionalId); an epoch older than the transaction's is
// INVALID_PRODUCER_EPOCH. Batches that are not transactional pay one flag test.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { maxInflatedBytes } from '../protocol/compression';
import { isInternalTopic } from '../topic-names';
import {
  batchRecords,
  isKafkaError,
  producedRecordProblems,
  singleBatchProblem,
  validateProducedRecords,
} from '../protocol/record-batch';

interface PartitionAnswer {
  index: number;
  errorCode: number;
  baseOffset: bigint;
  logAppendTimeMs?: bigint;
  logStartOffset?: bigint;
  recordErrors?: { batchIndex: number; batchIndexErrorMessage: string | null }[];
  errorMessage?: string | null;
}

const failed = (index: number, errorCode: number, errorMessage: string | null, logStartOffset = -1n): PartitionAnswer => ({
  index,
  errorCode,
  baseOffset: -1n,
  logAppendTimeMs: -1n,
  logStartOffset,
  recordErrors: [],
  errorMessage,
});

export default defineHandler({
  apiKey: ApiKey.Produce,
  advertisedMinVersion: 0,
  minVersion: 3,
  maxVersion: 11,
  handle(request, { broker, version, connection }) {
    const { acks } = request;
    let common: { code: number; message: string } | null = null;
    if (version < 3) {
      common = { code: ErrorCode.UNSUPPORTED_VERSION, message: `Produce v${version} is not supported: use v3 or later` };
    } else if (acks !== 0 && acks !== 1 && acks !== -1) {
      common = { code: ErrorCode.INVALID_REQUIRED_ACKS, message: `acks must be -1, 0 or 1, got ${acks}` };
    }
    const now = Date.now();
    let anyError = false;
    const responses = request.topicData.map((topic) => ({
      name: topic.name,
      partitionResponses: topic.partitionData.map((p): PartitionAnswer => {
        const answer = common ? failed(p.index, common.code, common.message) : appendOne(topic.name, p.index, p.records);
        if (answer.errorCode !== ErrorCode.NONE) anyError = true;
        return answer;
      }),
    }));
    if (acks === 0) {
      if (anyError) connection.close('a Produce request with acks=0 failed');
      return null;
    }
    return { responses, throttleTimeMs: 0 };

    function appendOne(topic: string, index: number, records: Buffer | readonly Buffer[] | null): PartitionAnswer {
      const log = broker.logs.partition(topic, index);
      if (!log) return failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `no partition ${topic}-${index}`);
      // As Kafka's ReplicaManager: internal topics are written by the broker itself, never by clients.
      if (isInternalTopic(topic)) return failed(index, ErrorCode.INVALID_TOPIC_EXCEPTION, null);
      const bytes = records === null ? Buffer.alloc(0) : Buffer.isBuffer(records) ? records : Buffer.concat(records);
      const framing = singleBatchProblem(bytes);
      if (framing) return failed(index, ErrorCode.INVALID_RECORD, `Produce v${version} needs exactly one record batch: ${framing}`);
      const validated = validateProducedRecords(bytes, {
        maxMessageBytes: log.logConfig.maxMessageBytes,
        segmentBytes: log.logConfig.segmentBytes,
        checkRecordCount: false,
      });
      if ('error' in validated) {
        // Kafka's LogValidator reports the log start offset with INVALID_RECORD; a corrupt or too
        // large batch is refused before the log is consulted (-1).
        return failed(index, validated.code, validated.message, validated.code === ErrorCode.INVALID_RECORD ? log.logStartOffset : -1n);
      }
      const batch = validated.batches[0];
      if (batch.isTransactional) {
        const code =
          request.transactionalId === null
            ? ErrorCode.INVALID_TXN_STATE
            : broker.transactions.verifyPartition(request.transactionalId, batch.producerId, batch.producerEpoch, topic, index);
        if (code !== ErrorCode.NONE) {
          const answered = code === ErrorCode.INVALID_TXN_STATE && version >= 11 ? ErrorCode.TRANSACTION_ABORTABLE : code;
          return failed(index, answered, `the partition is not part of an ongoing transaction of producer ${batch.producerId}`);
        }
      }
      // Kafka inflates inside LogValidator, so its answers carry the log start offset.
      const walkable = batchRecords(batch.bytes, 0, batch, maxInflatedBytes(log.logConfig.maxMessageBytes));
      if (isKafkaError(walkable)) return failed(index, walkable.code, walkable.message, log.logStartOffset);
      const { messageTimestampBeforeMaxMs: before, messageTimestampAfterMaxMs: after } = log.logConfig;
      const cleanupPolicy = broker.logs.getTopic(topic)?.configs['cleanup.policy'] ?? 'delete';
      const compacted = cleanupPolicy.split(',').some((p) => p.trim() === 'compact');
      const { late, keyless } = producedRecordProblems(batch, walkable, now, before, after, compacted);
      if (late.length > 0) {
        const message = `timestamps out of range: more than ${after} ms ahead of or ${before} ms behind the broker's clock`;
        return {
          ...failed(index, ErrorCode.INVALID_TIMESTAMP, message, log.logStartOffset),
          recordErrors: late.map((batchIndex) => ({ batchIndex, batchIndexErrorMessage: message })),
        };
      }
      if (keyless.length > 0) {
        const message = `Compacted topic cannot accept message without key in topic partition ${topic}-${index}.`;
        return {
          ...failed(index, ErrorCode.INVALID_RECORD, message, log.logStartOffset),
          recordErrors: keyless.map((batchIndex) => ({ batchIndex, batchIndexErrorMessage: message })),
        };
      }
      const result = log.append(validated.batches, now);
      if ('error' in result) return failed(index, result.code, result.message, log.logStartOffset);
      return {
        index,
        errorCode: ErrorCode.NONE,
        baseOffset: result.baseOffset,
        logAppendTimeMs: result.logAppendTime,
        logStartOffset: result.logStartOffset,
      };
    }
  },
});
