// A record as text to take elsewhere: JSON (key and value decoded as shown, headers as text), and
// a kcat command that produces the same bytes to the same partition (printf writes key and value
// with every byte that is not plain text escaped in octal; -K splits them, -Z sends a null as null).
import type { DecoderName, RecordBytes, TopicRecord } from '../../../shared/model';
import { utf8Text } from '../../../shared/decoders';
import { bytesOf, decode, headerText } from './record-text';

export function recordJson(topic: string, r: TopicRecord, keyDecoder: DecoderName, valueDecoder: DecoderName): string {
  const shown = (b: RecordBytes | null, decoder: DecoderName) => {
    if (b === null) return null;
    const d = decode(b, decoder);
    return d.json !== undefined && !d.error ? d.json : d.text;
  };
  return JSON.stringify({
    topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType: r.timestampType,
    key: shown(r.key, keyDecoder),
    value: shown(r.value, valueDecoder),
    headers: r.headers.map((h) => ({ key: headerText(h.key), value: h.value === null ? null : headerText(h.value) })),
  }, null, 2);
}

/** Shell single quotes around text with no byte escaped (a header, a name). */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** printf's format for these bytes: text as it is but for control characters, which go in octal, as every byte of what is not UTF-8 does. */
function printfFormat(bytes: Uint8Array): string {
  const octal = (code: number) => `\\${code.toString(8).padStart(3, '0')}`;
  const text = utf8Text(bytes);
  if (text === undefined) return [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c && b !== 0x25 && b !== 0x27 ? String.fromCharCode(b) : octal(b))).join('');
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    out += c === '\\' ? '\\\\' : c === '%' ? '%%' : c === "'" ? `'\\''` : code < 0x20 || code === 0x7f ? octal(code) : c;
  }
  return out;
}

/** Control bytes that can split the input: the first ones found in neither key nor value. */
const unusedBytes = (key: Uint8Array | null, value: Uint8Array) => [0x1f, 0x1e, 0x1d, 0x1c, 0x1b, 0x01, 0x02].filter((d) => !key?.includes(d) && !value.includes(d));

export function kcatCommand(bootstrap: string, topic: string, r: TopicRecord): string {
  const key = r.key ? bytesOf(r.key) : null;
  const value = r.value ? bytesOf(r.value) : new Uint8Array();
  const [keyDelimiter = 0x1f, messageDelimiter = 0x1e] = unusedBytes(key, value);
  const hex = (b: number) => `'\\x${b.toString(16).padStart(2, '0')}'`;
  const input = (key ? `${printfFormat(key)}\\${keyDelimiter.toString(8).padStart(3, '0')}` : '') + printfFormat(value);
  const headers = r.headers.map((h) => ` -H ${quote(`${headerText(h.key)}=${h.value === null ? '' : headerText(h.value)}`)}`).join('');
  // -D: a newline in the value stays in it instead of ending the message.
  const flags = ` -D ${hex(messageDelimiter)}${key ? ` -K ${hex(keyDelimiter)}` : ''}${r.value === null ? ' -Z' : ''}${r.compression !== 'none' && r.compression !== 'zstd' ? ` -z ${r.compression}` : ''}`;
  return `printf '${input}' | kcat -P -b ${bootstrap} -t ${quote(topic)} -p ${r.partition}${flags}${headers}`;
}
