// What may legitimately differ between the sandbox and real Kafka, in one place, each with its why.
// A response is normalised (on both sides alike) before the two are compared; anything not named
// here must match. Node ids and hosts need no rule: both brokers are node 1 on 127.0.0.1. Record
// timestamps need none either: the test's batches carry CreateTime timestamps of their own.
import { BATCH_HEADER_SIZE, readBatchHeader } from '../../../electron/broker/protocol/record-batch';

/** What a rule knows about the broker that answered. */
export interface SideFacts {
  port: number;
}

interface Rule {
  /** The field name the rule applies to, wherever it occurs. */
  field: string;
  /** Only in answers of this API (its spec name, e.g. 'Metadata'); else in every answer. */
  api?: string;
  why: string;
  apply(value: unknown, side: SideFacts): unknown;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const isZeroUuid = (v: unknown) => Buffer.isBuffer(v) && v.length === 16 && v.every((b) => b === 0);

export const NORMALISATIONS: readonly Rule[] = [
  { field: 'throttleTimeMs', why: 'quota throttling depends on load and quotas, not on the protocol', apply: () => 0 },
  {
    field: 'port',
    why: 'each broker listens on its own free port; a port other than the answering broker\'s stays visible',
    apply: (v, side) => (v === side.port ? '<this broker port>' : v),
  },
  { field: 'clusterId', why: 'a cluster id is random per cluster', apply: (v) => (typeof v === 'string' ? '<cluster id>' : v) },
  {
    field: 'topicId',
    why: 'a topic id is a random UUID per topic (the zero UUID, meaning none, stays visible)',
    apply: (v) => (Buffer.isBuffer(v) && !isZeroUuid(v) ? '<topic id>' : v),
  },
  ...['memberId', 'leader'].map((field) => ({
    field,
    why: 'the coordinator makes member ids from the client id and a random UUID',
    apply: (v: unknown) => (typeof v === 'string' ? v.replace(UUID, '<uuid>') : v),
  })),
  ...['errorMessage', 'batchIndexErrorMessage'].map((field) => ({
    field,
    why: 'error messages are free text, and Kafka sends null, "" or a text as it likes; the error code beside them is compared',
    apply: () => '<free text or none>',
  })),
  {
    field: 'configs',
    why: 'Kafka lists a topic\'s configs in hash-map order, which carries no meaning; compared by name',
    apply: (v) => byName(v),
  },
  {
    field: 'topics',
    api: 'Metadata',
    why: 'Kafka lists all topics in its metadata image\'s hash order, which carries no meaning; compared by name',
    apply: (v) => byName(v),
  },
  ...['JoinGroup', 'DescribeGroups'].map((api) => ({
    field: 'members',
    api,
    why: 'Kafka keeps a group\'s members in a hash map and lists them in its order, which carries no meaning',
    apply: (v: unknown) => inAnyOrder(v),
  })),
  ...['ListGroups', 'DescribeGroups'].map((api) => ({
    field: 'groups',
    api,
    why: 'Kafka\'s coordinator answers shard by shard (a partition of __consumer_offsets each), in an order that carries no meaning; clients match groups by id',
    apply: (v: unknown) => byGroupId(v),
  })),
  ...['transactionStartTimeMs', 'lastTimestamp'].map((field) => ({
    field,
    why: 'the broker\'s clock when a transaction began or a producer last wrote (a marker is written at the coordinator\'s time)',
    apply: (v: unknown) => (typeof v === 'bigint' && v > 0n ? '<broker time>' : v),
  })),
  ...[
    ['DescribeAcls', 'resources'],
    ['DescribeAcls', 'acls'],
    ['DeleteAcls', 'matchingAcls'],
  ].map(([api, field]) => ({
    field,
    api,
    why: 'Kafka\'s authorizer keeps ACLs in hash sets and lists them in their order, which carries no meaning',
    apply: (v: unknown) => inAnyOrder(v),
  })),
  {
    field: 'responses',
    api: 'DeleteTopics',
    why: 'Kafka answers the names it refuses before those it deletes; clients match results by name',
    apply: (v) => byName(v),
  },
];

function byName(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const key = (x: unknown) => String((x as { name?: unknown }).name);
  return [...v].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function byGroupId(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const key = (x: unknown) => String((x as { groupId?: unknown }).groupId);
  return [...v].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Sorted by their normalised content (member ids are normalised alike), so order cannot differ. */
function inAnyOrder(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const key = (x: unknown) => JSON.stringify(x, (_, y: unknown) => (typeof y === 'bigint' ? y.toString() : y));
  return [...v].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const ruleFor = (api: string, field: string) => NORMALISATIONS.find((r) => r.field === field && (r.api === undefined || r.api === api));

/**
 * Splits a records field into its batches, each as its header fields and its records' bytes, so a
 * difference reads as a field, not as hex (a trailing partial batch is kept as raw bytes).
 */
export function decodeBatches(records: Buffer): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let pos = 0;
  while (pos < records.length) {
    const h = readBatchHeader(records, pos);
    if (!h || pos + h.size > records.length) {
      out.push({ partialBatch: records.subarray(pos) });
      break;
    }
    const { size: _size, compression: _c, timestampType: _t, isTransactional: _x, isControl: _k, ...fields } = h;
    // A transaction marker carries the time its coordinator wrote it (in its CRC too): each broker's clock.
    const written = h.isControl ? { crc: '<marker time>', baseTimestamp: '<marker time>', maxTimestamp: '<marker time>' } : {};
    out.push({ ...fields, ...written, records: records.subarray(pos + BATCH_HEADER_SIZE, pos + h.size) });
    pos += h.size;
  }
  return out;
}

/**
 * A copy of a decoded answer of `api` (its spec name, e.g. 'Metadata') with every rule applied and
 * record batches split into fields.
 */
export function normalise(api: string, value: unknown, side: SideFacts, field = ''): unknown {
  const rule = ruleFor(api, field);
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(api, v, side, field));
    return rule ? rule.apply(items, side) : items;
  }
  if (Buffer.isBuffer(value) && field === 'records') return decodeBatches(value);
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(api, v, side, k)]));
  }
  return rule ? rule.apply(value, side) : value;
}
