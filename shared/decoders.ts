// How a record's key, value or header bytes read as text: the same functions in core (a filter
// tests what the user sees) and in the UI (the table and the drawer). Pure: Uint8Array in, text
// out, no node:* and no DOM, so both sides run them. Every decoder says when the bytes are not what
// it reads (a 5-byte int, bad JSON) rather than showing something wrong. Schema Registry formats
// (Avro, Protobuf) join `decoders` as further entries of the same shape.
import type { DecoderName } from './model/message';

export interface Decoded {
  /** The decoder that read it: for `auto`, the one it chose. */
  as: Exclude<DecoderName, 'auto'>;
  text: string;
  /** The parsed value, for JSON. */
  json?: unknown;
  /** Why these bytes are not what the decoder reads; `text` is then their hex. */
  error?: string;
}

type Decoder = (bytes: Uint8Array) => Decoded;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Valid UTF-8 as a string, or undefined. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function toHex(bytes: Uint8Array, separator = ' '): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (i && separator ? separator : '') + (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return out;
}

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const notThis = (as: Decoded['as'], bytes: Uint8Array, error: string): Decoded => ({ as, text: toHex(bytes), error });

/** Text a person can read: no control characters but tab and line breaks. */
function readable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

function json(bytes: Uint8Array): Decoded {
  const text = utf8Text(bytes);
  if (text === undefined) return notThis('json', bytes, 'Not UTF-8, so not JSON');
  try {
    return { as: 'json', text, json: JSON.parse(text) };
  } catch (error) {
    return { as: 'json', text, error: `Not JSON: ${(error as Error).message}` };
  }
}

function fixed(as: 'int32' | 'int64' | 'double', size: number, read: (view: DataView) => string): Decoder {
  return (bytes) => {
    if (bytes.length !== size) return notThis(as, bytes, `${as} needs ${size} bytes; these are ${bytes.length}`);
    return { as, text: read(new DataView(bytes.buffer, bytes.byteOffset, size)) };
  };
}

/** JSON only for what looks like a JSON document: a bare number or word stays text. */
const looksLikeJson = (text: string): boolean => /^\s*[[{"]/.test(text);

export const decoders: Record<DecoderName, Decoder> = {
  auto: (bytes) => {
    const text = utf8Text(bytes);
    if (text === undefined || !readable(text)) return { as: 'hex', text: toHex(bytes) };
    if (looksLikeJson(text)) {
      const parsed = json(bytes);
      if (!parsed.error) return parsed;
    }
    return { as: 'string', text };
  },
  string: (bytes) => ({ as: 'string', text: lenient.decode(bytes) }),
  json,
  hex: (bytes) => ({ as: 'hex', text: toHex(bytes) }),
  base64: (bytes) => ({ as: 'base64', text: toBase64(bytes) }),
  // Big-endian, as Kafka's IntegerSerializer, LongSerializer and DoubleSerializer write them.
  int32: fixed('int32', 4, (v) => String(v.getInt32(0))),
  int64: fixed('int64', 8, (v) => String(v.getBigInt64(0))),
  double: fixed('double', 8, (v) => String(v.getFloat64(0))),
  uuid: (bytes) => {
    if (bytes.length !== 16) return notThis('uuid', bytes, `A UUID is 16 bytes; these are ${bytes.length}`);
    const h = toHex(bytes, '');
    return { as: 'uuid', text: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
  },
};

export function decodeBytes(bytes: Uint8Array, decoder: DecoderName): Decoded {
  return decoders[decoder](bytes);
}
