// Encodes and decodes any message of Kafka's JSON specs at any version, flexible (KIP-482: compact
// strings, arrays and bytes, tagged fields) or not. A decoder or encoder is compiled once per message
// and version into a chain of closures, so the hot paths (Produce, Fetch) pay no per-field lookups.
import { isDeepStrictEqual } from 'node:util';
import { ProtocolError, Reader } from './reader';
import { Writer } from './writer';
import { inRange, type DefaultValue, type FieldSpec, type MessageSpec } from './schema';

/** What an encoder accepts: any field may be left out and takes its default. */
export type Encodable<T> = T extends Buffer | bigint | number | string | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly Encodable<U>[]
    : { [K in keyof T]?: Encodable<T[K]> };

type Decode = (r: Reader) => unknown;
type Encode = (w: Writer, value: unknown) => void;
type Obj = Record<string, unknown>;

function zeroOf(f: FieldSpec, version: number): unknown {
  if (f.default !== undefined) return f.default;
  if (f.array) return [];
  switch (f.type) {
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    case 'string':
      return '';
    case 'uuid':
      return Buffer.alloc(16);
    case 'bytes':
      return Buffer.alloc(0);
    case 'records':
      return null;
    case 'struct':
      return defaults(f.fields ?? [], version);
    default:
      return 0;
  }
}

function defaults(fields: readonly FieldSpec[], version: number): Obj {
  const o: Obj = {};
  for (const f of fields) o[f.name] = zeroOf(f, version);
  return o;
}

// ---- decoding ------------------------------------------------------------------------------

function primitiveDecoder(f: FieldSpec, flexible: boolean, nullable: boolean): Decode {
  switch (f.type) {
    case 'bool':
      return (r) => r.bool();
    case 'int8':
      return (r) => r.int8();
    case 'int16':
      return (r) => r.int16();
    case 'uint16':
      return (r) => r.uint16();
    case 'int32':
      return (r) => r.int32();
    case 'int64':
      return (r) => r.int64();
    case 'float64':
      return (r) => r.float64();
    case 'uuid':
      return (r) => r.uuid();
    case 'string':
      if (nullable) return flexible ? (r) => r.compactString(true) : (r) => r.string(true);
      return flexible ? (r) => r.compactString() : (r) => r.string();
    case 'bytes':
    case 'records':
      return flexible ? (r) => r.compactBytes(nullable) : (r) => r.bytes(nullable);
    default:
      throw new Error(`no primitive decoder for ${f.type}`);
  }
}

function fieldDecoder(f: FieldSpec, version: number, msgFlexible: boolean): Decode {
  const flexible = f.flexible !== undefined ? inRange(f.flexible, version) : msgFlexible;
  const nullable = inRange(f.nullable, version);
  let one: Decode;
  if (f.type === 'struct') {
    const struct = structDecoder(f.fields ?? [], version, flexible);
    one = !f.array && nullable ? (r) => (r.int8() < 0 ? null : struct(r)) : struct;
  } else {
    one = primitiveDecoder(f, flexible, nullable && !f.array);
  }
  if (!f.array) return one;
  return (r) => {
    const n = flexible ? r.compactArrayLength(nullable) : r.arrayLength(nullable);
    if (n === null) return null;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = one(r);
    return out;
  };
}

function structDecoder(fields: readonly FieldSpec[], version: number, flexible: boolean): (r: Reader) => Obj {
  const steps: { name: string; decode: Decode | null; fallback: unknown }[] = [];
  const tagged = new Map<number, { name: string; decode: Decode }>();
  for (const f of fields) {
    const present = inRange(f.versions, version);
    if (present && flexible && inRange(f.tagged, version)) {
      tagged.set(f.tag!, { name: f.name, decode: fieldDecoder(f, version, flexible) });
      steps.push({ name: f.name, decode: null, fallback: zeroOf(f, version) });
    } else {
      steps.push({ name: f.name, decode: present ? fieldDecoder(f, version, flexible) : null, fallback: zeroOf(f, version) });
    }
  }
  return (r) => {
    const o: Obj = {};
    for (const s of steps) o[s.name] = s.decode ? s.decode(r) : cloneDefault(s.fallback);
    if (flexible) readTaggedFields(r, tagged, o);
    return o;
  };
}

function cloneDefault(v: unknown): unknown {
  if (Array.isArray(v)) return [];
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return structuredClone(v);
  return v;
}

function readTaggedFields(r: Reader, known: Map<number, { name: string; decode: Decode }>, o: Obj): void {
  const count = r.uvarint();
  let lastTag = -1;
  for (let i = 0; i < count; i++) {
    const tag = r.uvarint();
    if (tag <= lastTag) throw new ProtocolError(`tagged fields out of order: ${tag} after ${lastTag}`);
    lastTag = tag;
    const size = r.uvarint();
    const field = known.get(tag);
    if (!field) {
      r.raw(size);
      continue;
    }
    const sub = new Reader(r.buf, r.pos, r.pos + size);
    r.raw(size);
    o[field.name] = field.decode(sub);
  }
}

// ---- encoding ------------------------------------------------------------------------------

function primitiveEncoder(f: FieldSpec, flexible: boolean): Encode {
  switch (f.type) {
    case 'bool':
      return (w, v) => w.bool(v as boolean);
    case 'int8':
      return (w, v) => w.int8(v as number);
    case 'int16':
      return (w, v) => w.int16(v as number);
    case 'uint16':
      return (w, v) => w.uint16(v as number);
    case 'int32':
      return (w, v) => w.int32(v as number);
    case 'int64':
      return (w, v) => w.int64(v as bigint);
    case 'float64':
      return (w, v) => w.float64(v as number);
    case 'uuid':
      return (w, v) => w.uuid(v as Buffer);
    case 'string':
      return flexible ? (w, v) => w.compactString(v as string | null) : (w, v) => w.string(v as string | null);
    case 'bytes':
      return flexible ? (w, v) => w.compactBytes(v as Buffer | null) : (w, v) => w.bytes(v as Buffer | null);
    case 'records':
      return (w, v) => writeRecords(w, v as Buffer | readonly Buffer[] | null, flexible);
    default:
      throw new Error(`no primitive encoder for ${f.type}`);
  }
}

function writeRecords(w: Writer, v: Buffer | readonly Buffer[] | null, flexible: boolean): void {
  if (v === null) {
    if (flexible) w.uvarint(0);
    else w.int32(-1);
    return;
  }
  const parts = Buffer.isBuffer(v) ? [v] : v;
  let size = 0;
  for (const p of parts) size += p.length;
  if (flexible) w.uvarint(size + 1);
  else w.int32(size);
  if (size >= 4096) w.attach(parts);
  else for (const p of parts) w.raw(p);
}

function fieldEncoder(f: FieldSpec, version: number, msgFlexible: boolean, path: string): Encode {
  const flexible = f.flexible !== undefined ? inRange(f.flexible, version) : msgFlexible;
  const nullable = inRange(f.nullable, version);
  const where = `${path}.${f.name}`;
  let one: Encode;
  if (f.type === 'struct') {
    const struct = structEncoder(f.fields ?? [], version, flexible, where);
    one =
      !f.array && nullable
        ? (w, v) => {
            if (v === null) w.int8(-1);
            else struct(w.int8(1), v);
          }
        : struct;
  } else {
    one = primitiveEncoder(f, flexible);
  }
  const checkNull = (v: unknown) => {
    if (v === null && !nullable) throw new TypeError(`${where} is not nullable in version ${version}`);
  };
  if (!f.array) {
    if (f.type === 'struct' && nullable) return one;
    return (w, v) => {
      checkNull(v);
      one(w, v);
    };
  }
  return (w, v) => {
    checkNull(v);
    if (v === null) {
      if (flexible) w.uvarint(0);
      else w.int32(-1);
      return;
    }
    const items = v as readonly unknown[];
    if (flexible) w.uvarint(items.length + 1);
    else w.int32(items.length);
    for (const item of items) one(w, item);
  };
}

function isDefault(f: FieldSpec, v: unknown, version: number): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0 && f.default !== null;
  if (f.type === 'struct') return v === null ? f.default === null : isDeepStrictEqual(v, zeroOf(f, version));
  return v === zeroOf(f, version);
}

function structEncoder(fields: readonly FieldSpec[], version: number, flexible: boolean, path: string): Encode {
  const steps: { name: string; encode: Encode; fallback: unknown }[] = [];
  const tagged: { tag: number; name: string; field: FieldSpec; encode: Encode }[] = [];
  for (const f of fields) {
    if (!inRange(f.versions, version)) continue;
    const encode = fieldEncoder(f, version, flexible, path);
    if (flexible && inRange(f.tagged, version)) tagged.push({ tag: f.tag!, name: f.name, field: f, encode });
    else steps.push({ name: f.name, encode, fallback: zeroOf(f, version) });
  }
  tagged.sort((a, b) => a.tag - b.tag);
  return (w, value) => {
    const o = (value ?? {}) as Obj;
    for (const s of steps) {
      const v = o[s.name];
      s.encode(w, v === undefined ? s.fallback : v);
    }
    if (!flexible) return;
    const present = tagged.filter((t) => !isDefault(t.field, o[t.name], version));
    w.uvarint(present.length);
    for (const t of present) {
      const body = new Writer(64);
      t.encode(body, o[t.name]);
      const bytes = body.toBuffer();
      w.uvarint(t.tag).uvarint(bytes.length).raw(bytes);
    }
  };
}

// ---- compiled, cached per message and version ---------------------------------------------

const decoders = new WeakMap<MessageSpec, Map<number, (r: Reader) => Obj>>();
const encoders = new WeakMap<MessageSpec, Map<number, Encode>>();

function cached<T>(cache: WeakMap<MessageSpec, Map<number, T>>, spec: MessageSpec, version: number, make: () => T): T {
  let byVersion = cache.get(spec);
  if (!byVersion) cache.set(spec, (byVersion = new Map()));
  let fn = byVersion.get(version);
  if (!fn) byVersion.set(version, (fn = make()));
  return fn;
}

export const isFlexible = (spec: MessageSpec, version: number): boolean => inRange(spec.flexible, version);

export function decode<T>(spec: MessageSpec, version: number, r: Reader): T {
  if (!inRange(spec.valid, version)) throw new ProtocolError(`${spec.name} has no version ${version}`);
  const fn = cached(decoders, spec, version, () => structDecoder(spec.fields, version, isFlexible(spec, version)));
  return fn(r) as T;
}

export function encode<T>(spec: MessageSpec, version: number, value: Encodable<T>, w = new Writer()): Writer {
  const fn = cached(encoders, spec, version, () =>
    structEncoder(spec.fields, version, isFlexible(spec, version), spec.name),
  );
  fn(w, value);
  return w;
}

export type { DefaultValue };
