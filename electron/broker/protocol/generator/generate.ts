// Generates messages.generated.ts from Kafka's JSON message specs (../shared/kafka-protocol-specs by
// default, or the folder given as the first argument). The specs themselves never enter the repo:
// only this generator's output does. Run: npm run protocol:generate
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DefaultValue, FieldSpec, MessageSpec, PrimitiveType, VersionRange } from '../schema';

const PRIMITIVES = new Set<string>([
  'bool', 'int8', 'int16', 'uint16', 'int32', 'int64', 'float64', 'string', 'bytes', 'records', 'uuid',
]);

interface JsonField {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  flexibleVersions?: string;
  default?: string | number | boolean;
  fields?: JsonField[];
}
export interface JsonMessage {
  name: string;
  listeners?: string[];
  type: 'request' | 'response' | 'header' | 'data';
  apiKey?: number;
  validVersions: string;
  flexibleVersions?: string;
  fields: JsonField[];
  commonStructs?: { name: string; fields: JsonField[] }[];
}

/** Kafka's spec files are JSON with // comments; strip them outside of strings. */
export function stripComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

export function parseRange(text: string | undefined): VersionRange {
  if (text === undefined || text === 'none') return null;
  const plus = /^(\d+)\+$/.exec(text);
  if (plus) return [Number(plus[1]), 0x7fff];
  const span = /^(\d+)-(\d+)$/.exec(text);
  if (span) return [Number(span[1]), Number(span[2])];
  if (/^\d+$/.test(text)) return [Number(text), Number(text)];
  throw new Error(`bad version range ${JSON.stringify(text)}`);
}

const camel = (name: string): string => name[0].toLowerCase() + name.slice(1);

function parseDefault(type: string, raw: string | number | boolean | undefined): DefaultValue | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'null') return null;
  if (type === 'bool') return raw === true || raw === 'true';
  if (type === 'int64') return BigInt(raw);
  if (type === 'string') return String(raw);
  if (['int8', 'int16', 'uint16', 'int32', 'float64'].includes(type)) return Number(raw);
  return undefined;
}

function convertFields(fields: JsonField[], structs: Map<string, JsonField[]>): FieldSpec[] {
  return fields.map((f) => {
    const array = f.type.startsWith('[]');
    const base = array ? f.type.slice(2) : f.type;
    const isPrimitive = PRIMITIVES.has(base);
    const sub = isPrimitive ? undefined : (f.fields ?? structs.get(base));
    if (!isPrimitive && !sub) throw new Error(`unknown type ${f.type} for field ${f.name}`);
    const spec: Record<string, unknown> = {
      name: camel(f.name),
      type: isPrimitive ? (base as PrimitiveType) : 'struct',
    };
    if (array) spec.array = true;
    spec.versions = parseRange(f.versions);
    if (f.nullableVersions) spec.nullable = parseRange(f.nullableVersions);
    if (f.taggedVersions) {
      spec.tagged = parseRange(f.taggedVersions);
      spec.tag = Number(f.tag);
    }
    if (f.flexibleVersions) spec.flexible = parseRange(f.flexibleVersions);
    const dflt = array ? undefined : parseDefault(base, f.default);
    if (dflt !== undefined) spec.default = dflt;
    if (sub) spec.fields = convertFields(sub, structs);
    return spec as unknown as FieldSpec;
  });
}

export function convertMessage(json: JsonMessage): MessageSpec {
  const structs = new Map<string, JsonField[]>();
  const collect = (fields: JsonField[]) => {
    for (const f of fields) {
      if (f.fields) {
        structs.set(f.type.replace(/^\[\]/, ''), f.fields);
        collect(f.fields);
      }
    }
  };
  for (const s of json.commonStructs ?? []) {
    structs.set(s.name, s.fields);
    collect(s.fields);
  }
  collect(json.fields);
  return {
    name: json.name,
    ...(json.apiKey !== undefined ? { apiKey: json.apiKey } : {}),
    kind: json.type,
    valid: parseRange(json.validVersions),
    flexible: parseRange(json.flexibleVersions),
    fields: convertFields(json.fields, structs),
  };
}

export function readSpecs(dir: string): JsonMessage[] {
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'group-coordinator')).map((f) => join(dir, 'group-coordinator', f)),
  ].sort();
  return files.map((f) => JSON.parse(stripComments(readFileSync(f, 'utf8'))) as JsonMessage);
}

// ---- TypeScript emission -------------------------------------------------------------------

const TS_TYPES: Record<PrimitiveType, string> = {
  bool: 'boolean', int8: 'number', int16: 'number', uint16: 'number', int32: 'number',
  int64: 'bigint', float64: 'number', string: 'string', bytes: 'Buffer', records: 'Records', uuid: 'Buffer',
};

function literal(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function emitInterfaces(msg: MessageSpec, out: string[]): void {
  const walk = (typeName: string, fields: readonly FieldSpec[]) => {
    const lines = fields.map((f) => {
      let t: string;
      if (f.type === 'struct') {
        const sub = `${typeName}${f.name[0].toUpperCase()}${f.name.slice(1)}`;
        walk(sub, f.fields ?? []);
        t = sub;
      } else {
        t = TS_TYPES[f.type];
      }
      if (f.array) t = `${t}[]`;
      if (f.nullable || f.default === null || f.type === 'records') t = `${t} | null`;
      return `  ${f.name}: ${t};`;
    });
    out.push(`export interface ${typeName} {\n${lines.join('\n')}\n}\n`);
  };
  walk(msg.name, msg.fields);
}

export function generate(specDir: string): string {
  const messages = readSpecs(specDir).map(convertMessage).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [
    '// Generated by electron/broker/protocol/generator/generate.ts from Kafka\'s JSON message specs',
    '// (Apache-2.0). Do not edit: run `npm run protocol:generate`.',
    '/* eslint-disable */',
    "import type { MessageSpec } from './schema';\n",
    '/** Record batches: decoded as one view of the request; encoded from one buffer or a list of them. */',
    'export type Records = Buffer | readonly Buffer[];\n',
  ];
  for (const m of messages) {
    out.push(`export const ${m.name}Spec: MessageSpec = ${literal(m)};\n`);
    emitInterfaces(m, out);
  }
  const apis = messages
    .filter((m) => m.kind === 'request' && m.apiKey !== undefined)
    .sort((a, b) => a.apiKey! - b.apiKey!);
  const names = apis.map((m) => m.name.replace(/Request$/, ''));
  out.push(`export const ApiKey = {\n${apis.map((m, i) => `  ${names[i]}: ${m.apiKey},`).join('\n')}\n} as const;\n`);
  out.push(
    `export const apiSpecs: Record<number, { name: string; request: MessageSpec; response: MessageSpec }> = {\n` +
      apis.map((m, i) => `  ${m.apiKey}: { name: '${names[i]}', request: ${names[i]}RequestSpec, response: ${names[i]}ResponseSpec },`).join('\n') +
      '\n};\n',
  );
  out.push(`export interface Requests {\n${apis.map((m, i) => `  ${m.apiKey}: ${names[i]}Request;`).join('\n')}\n}\n`);
  out.push(`export interface Responses {\n${apis.map((m, i) => `  ${m.apiKey}: ${names[i]}Response;`).join('\n')}\n}\n`);
  return out.join('\n');
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const specDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../../../shared/kafka-protocol-specs'));
  const target = join(import.meta.dirname, '../messages.generated.ts');
  writeFileSync(target, generate(specDir));
  console.log(`wrote ${target}`);
}
