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
    apply: (v) => (Array.isArray(v) ? [...(v as { name: string }[])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : v),
  },
];

const byField = new Map(NORMALISATIONS.map((r) => [r.field, r]));

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
    out.push({ ...fields, records: records.subarray(pos + BATCH_HEADER_SIZE, pos + h.size) });
    pos += h.size;
  }
  return out;
}

/** A copy of a decoded response with every rule applied and record batches split into fields. */
export function normalise(value: unknown, side: SideFacts, field = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, side, field));
    return byField.get(field)?.apply(items, side) ?? items;
  }
  if (Buffer.isBuffer(value)) {
    if (field === 'records') return decodeBatches(value);
    return byField.get(field)?.apply(value, side) ?? value;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, side, k)]));
  }
  const rule = byField.get(field);
  return rule ? rule.apply(value, side) : value;
}
