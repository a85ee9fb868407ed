// A fetched record as the contract carries it: bytes as base64, each key, value and header cut to
// `limit` bytes (their size says how many there are), so a 10 MB value costs a stream 64 KB.
import { RECORD_PREVIEW_BYTES, type CompressionType, type RecordBytes, type TopicRecord } from '../../../shared/model';
import type { FetchedRecord } from './fetched-records';

const COMPRESSION: readonly CompressionType[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

const bytes = (b: Buffer, limit: number): RecordBytes => ({ base64: (b.length > limit ? b.subarray(0, limit) : b).toString('base64'), size: b.length });

export function topicRecord(r: FetchedRecord, limit = RECORD_PREVIEW_BYTES): TopicRecord {
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: r.batch.logAppendTime ? 'LogAppendTime' : 'CreateTime',
    leaderEpoch: r.batch.leaderEpoch,
    key: r.key === null ? null : bytes(r.key, limit),
    value: r.value === null ? null : bytes(r.value, limit),
    headers: r.headers.map((h) => ({ key: bytes(h.key, limit), value: h.value === null ? null : bytes(h.value, limit) })),
    compression: COMPRESSION[r.batch.compression] ?? 'none',
    batchBytes: r.batch.bytes,
    batchRecords: r.batch.records,
    transactional: r.batch.transactional,
    producerId: r.batch.producerId,
  };
}
