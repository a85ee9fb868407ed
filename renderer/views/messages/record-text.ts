// A record's bytes as the screen shows them: decoded with the topic's chosen decoder (the same
// functions core's filter uses, shared/decoders.ts), one line for the table, cached per record
// since a table re-renders its visible rows often.
import { decodeBytes, fromBase64, utf8Text, type Decoded } from '../../../shared/decoders';
import type { DecoderName, RecordBytes, TopicRecord } from '../../../shared/model';

export const bytesOf = (b: RecordBytes): Uint8Array => fromBase64(b.base64);

/** The stream carried only the first bytes (RECORD_PREVIEW_BYTES) of these. */
export const isPreview = (b: RecordBytes | null): boolean => b !== null && Math.floor((b.base64.length * 3) / 4) - (b.base64.match(/=*$/)?.[0].length ?? 0) < b.size;

export function decode(b: RecordBytes, decoder: DecoderName): Decoded {
  return decodeBytes(bytesOf(b), decoder);
}

const LINE_CHARS = 240;
const lines = new WeakMap<RecordBytes, Map<DecoderName, string>>();

/** One line of at most LINE_CHARS characters for a table cell. */
export function lineOf(b: RecordBytes | null, decoder: DecoderName): string {
  if (b === null) return 'null';
  let byDecoder = lines.get(b);
  if (!byDecoder) lines.set(b, (byDecoder = new Map()));
  let line = byDecoder.get(decoder);
  if (line === undefined) {
    const { text } = decode(b, decoder);
    line = text.slice(0, LINE_CHARS).replace(/\s+/g, ' ');
    byDecoder.set(decoder, line);
  }
  return line;
}

/** All of a record's bytes: key, value and headers. */
export const recordSize = (r: TopicRecord): number => (r.key?.size ?? 0) + (r.value?.size ?? 0) + r.headers.reduce((n, h) => n + h.key.size + (h.value?.size ?? 0), 0);

/** A header's key or value as text (UTF-8, or hex when it is not). */
export function headerText(b: RecordBytes | null): string {
  if (b === null) return 'null';
  const bytes = bytesOf(b);
  return utf8Text(bytes) ?? decodeBytes(bytes, 'hex').text;
}

export const recordId = (r: Pick<TopicRecord, 'partition' | 'offset'>): string => `${r.partition}:${r.offset}`;
