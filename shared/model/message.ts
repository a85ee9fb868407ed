// Records as the messages screen reads, searches, produces and exports them. Bytes cross the
// boundary as base64 with their full size: a stream carries at most RECORD_PREVIEW_BYTES of each
// key, value and header, and messages:record answers one record in full ("show all").
import { z } from 'zod';

/** How much of each key, value and header a stream carries: enough to read, safe at 10 MB values. */
export const RECORD_PREVIEW_BYTES = 64 * 1024;

/** Bytes as base64; `size` is all of them, so a base64 of fewer bytes is a preview. */
export const RecordBytes = z.object({ base64: z.string(), size: z.number().int().min(0) });
export type RecordBytes = z.infer<typeof RecordBytes>;

export const RecordHeader = z.object({ key: RecordBytes, value: RecordBytes.nullable() });
export type RecordHeader = z.infer<typeof RecordHeader>;

export const CompressionType = z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
export type CompressionType = z.infer<typeof CompressionType>;

/** One record of a topic as its partition's log holds it. */
export const TopicRecord = z.object({
  partition: z.number().int(),
  offset: z.number().int(),
  timestamp: z.number(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  /** The partition leader's epoch when it was written; -1 when the batch did not say. */
  leaderEpoch: z.number().int(),
  key: RecordBytes.nullable(),
  value: RecordBytes.nullable(),
  headers: z.array(RecordHeader),
  /** Of the batch it came in. */
  compression: CompressionType,
  /** Bytes of that batch as stored (compressed), and how many records it holds. */
  batchBytes: z.number().int(),
  batchRecords: z.number().int(),
  transactional: z.boolean(),
  producerId: z.number().int(),
});
export type TopicRecord = z.infer<typeof TopicRecord>;

/** Where a read starts, per partition. */
export const ReadStart = z.discriminatedUnion('from', [
  /** The last `count` records of the topic (of each partition read, then the newest `count` of them all). */
  z.object({ from: z.literal('newest'), count: z.number().int().min(1).max(100_000) }),
  z.object({ from: z.literal('oldest') }),
  /** The same offset in every partition read (clamped to what each partition keeps). */
  z.object({ from: z.literal('offset'), offset: z.number().int().min(0) }),
  /** The first record at or after this time (ListOffsets by timestamp). */
  z.object({ from: z.literal('timestamp'), timestamp: z.number().int().min(0) }),
  /** Where a consumer group would go on: its committed offsets (oldest where it committed none). */
  z.object({ from: z.literal('group'), groupId: z.string().min(1, 'Name a consumer group') }),
  /** Only what is written from now on. */
  z.object({ from: z.literal('now') }),
]);
export type ReadStart = z.infer<typeof ReadStart>;

/** Where a read stops: after `count` records (that match), at the partitions' end as the read began, or never (live tail). */
export const ReadStop = z.discriminatedUnion('at', [
  z.object({ at: z.literal('count'), count: z.number().int().min(1).max(1_000_000) }),
  z.object({ at: z.literal('end') }),
  z.object({ at: z.literal('never') }),
]);
export type ReadStop = z.infer<typeof ReadStop>;

export const decoderNames = ['auto', 'string', 'json', 'hex', 'base64', 'int32', 'int64', 'double', 'uuid'] as const;
export const DecoderName = z.enum(decoderNames);
export type DecoderName = z.infer<typeof DecoderName>;

/** One test of a filter. `path` (JSON path like $.user.id) applies to key and value decoded as JSON. */
export const FilterCondition = z.object({
  field: z.enum(['key', 'value', 'header', 'partition', 'offset', 'timestamp']),
  /** For `header`: which header (by key); without it, any header's value. */
  header: z.string().optional(),
  path: z.string().max(500).optional(),
  op: z.enum(['contains', 'not-contains', 'regex', 'equals', 'gt', 'lt', 'exists']),
  value: z.string().max(10_000).default(''),
});
export type FilterCondition = z.infer<typeof FilterCondition>;

export const RecordFilter = z.object({
  /** and: every condition holds; or: at least one does. */
  match: z.enum(['and', 'or']).default('and'),
  conditions: z.array(FilterCondition).min(1, 'Add a condition').max(32),
  /** Case-insensitive contains, equals and regex. */
  ignoreCase: z.boolean().default(false),
});
export type RecordFilter = z.infer<typeof RecordFilter>;

/** One partition's part of a read: the offsets it covers and how far it got. */
export const PartitionScan = z.object({
  partition: z.number().int(),
  /** The first offset read and the offset the read stops before (the end as it began; null for a tail). */
  from: z.number().int(),
  to: z.number().int().nullable(),
  /** The next offset to read: [from, position) is what was scanned. */
  position: z.number().int(),
  scanned: z.number().int(),
  matched: z.number().int(),
  /** Offsets deleted (retention, DeleteRecords) before the read reached them, so never scanned. */
  removed: z.number().int().default(0),
});
export type PartitionScan = z.infer<typeof PartitionScan>;

export const ReadProgress = z.object({
  partitions: z.array(PartitionScan),
  scanned: z.number().int(),
  matched: z.number().int(),
  /** Records that could not be decoded for the filter (bad JSON for a JSON path ...): counted, not matched. */
  skipped: z.number().int(),
  /** Records scanned per second over the last second or so. */
  rate: z.number(),
  /** A tail's state: caught up with the end (waiting for new records) or reading. */
  caughtUp: z.boolean(),
});
export type ReadProgress = z.infer<typeof ReadProgress>;

export const ReadSummary = ReadProgress.omit({ rate: true, caughtUp: true }).extend({
  ms: z.number(),
  /** Why it stopped: the count was reached, every partition reached its end, or a cap. */
  stoppedBy: z.enum(['count', 'end']),
});
export type ReadSummary = z.infer<typeof ReadSummary>;

/** Bytes a user types or pastes: text (UTF-8; templates expand), JSON (checked after expanding), hex or base64. */
export const Payload = z.object({
  encoding: z.enum(['text', 'json', 'hex', 'base64']).default('text'),
  data: z.string().max(16 * 1024 * 1024),
});
export type Payload = z.infer<typeof Payload>;

export const ProduceDraft = z.object({
  /** Without it, the key chooses (murmur2, as Java clients and kafkajs do) or, with no key, kafkajs spreads them. */
  partition: z.number().int().min(0).optional(),
  key: Payload.nullable(),
  value: Payload.nullable(),
  headers: z.array(z.object({ key: z.string().min(1, 'Name the header').max(10_000), value: Payload.nullable() })).max(1_000).default([]),
  compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('none'),
  /** -1: all in-sync replicas; 1: the leader; 0: no answer awaited. */
  acks: z.union([z.literal(-1), z.literal(0), z.literal(1)]).default(-1),
  idempotent: z.boolean().default(false),
  /** Records to send; {{seq}}, {{uuid}}, {{now}} and {{random.int(a,b)}} in text and JSON expand for each. */
  repeat: z.number().int().min(1).max(1_000_000).default(1),
});
export type ProduceDraft = z.infer<typeof ProduceDraft>;

/** Where records went. */
export const ProducedRecord = z.object({ partition: z.number().int(), offset: z.number().int() });
export type ProducedRecord = z.infer<typeof ProducedRecord>;

/** How an export writes records: JSON lines (exact, and what import reads) or CSV (for a spreadsheet). */
export const ExportFormat = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** A file in Brook's exports folder, by name (never a path: a browser client names nothing else on this machine). */
export const ExportFileName = z.string().min(1, 'Name an export').max(255).regex(/^[\w][\w.-]*$/, 'A file name from the exports folder');
