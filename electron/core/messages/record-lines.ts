// One record as a line of an export. JSON lines are exact, so an import produces the same bytes:
// keys, values and headers as {"utf8": ...} when they are UTF-8 (readable) and {"base64": ...}
// otherwise, null as null, so null and empty stay apart; timestamps as milliseconds. CSV is for
// spreadsheets: text where it is UTF-8, "base64:..." where it is not, headers as JSON.
import { z } from 'zod';
import { utf8Text } from '../../../shared/decoders';
import type { FetchedRecord } from './fetched-records';

const Bytes = z.union([z.object({ utf8: z.string() }), z.object({ base64: z.string() })]).nullable();

export const RecordLine = z.object({
  partition: z.number().int().min(0),
  offset: z.number().int(),
  timestamp: z.number().int(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  key: Bytes,
  value: Bytes,
  headers: z.array(z.object({ key: Bytes.unwrap(), value: Bytes })),
});
export type RecordLine = z.infer<typeof RecordLine>;

const bytes = (b: Buffer) => {
  const text = utf8Text(b);
  return text === undefined ? { base64: b.toString('base64') } : { utf8: text };
};

export const toBuffer = (b: { utf8: string } | { base64: string }): Buffer => ('utf8' in b ? Buffer.from(b.utf8, 'utf8') : Buffer.from(b.base64, 'base64'));

export function jsonLine(r: FetchedRecord): string {
  const line: RecordLine = {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: r.batch.logAppendTime ? 'LogAppendTime' : 'CreateTime',
    key: r.key && bytes(r.key),
    value: r.value && bytes(r.value),
    headers: r.headers.map((h) => ({ key: bytes(h.key), value: h.value && bytes(h.value) })),
  };
  return JSON.stringify(line) + '\n';
}

export const CSV_HEADER = 'partition,offset,timestamp,key,value,headers\n';

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvText = (b: Buffer | null) => {
  if (b === null) return '';
  const text = utf8Text(b);
  return cell(text === undefined ? `base64:${b.toString('base64')}` : text);
};

export function csvLine(r: FetchedRecord): string {
  const headers = r.headers.length ? cell(JSON.stringify(r.headers.map((h) => [h.key.toString('utf8'), h.value?.toString('utf8') ?? null]))) : '';
  return `${r.partition},${r.offset},${new Date(r.timestamp).toISOString()},${csvText(r.key)},${csvText(r.value)},${headers}\n`;
}
