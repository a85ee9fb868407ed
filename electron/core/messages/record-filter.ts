// A search's filter, compiled once into a test run on every record scanned. It tests what the
// user sees: keys and values through the decoders the screen shows them with (shared/decoders),
// header values as text. A plain substring of a key or value read as text is searched in the raw
// bytes (Buffer.indexOf on the UTF-8 of the needle): the same answer as decoding, without
// decoding millions of records. A filter that cannot be compiled (a bad regex, a JSON path that
// does not parse, `contains` on a partition) is INVALID_INPUT naming the condition.
import { BrookError } from '../../../shared/errors';
import { decodeBytes } from '../../../shared/decoders';
import type { DecoderName, FilterCondition, RecordFilter } from '../../../shared/model';
import type { FetchedRecord } from './fetched-records';
import { at, isMissing, parseJsonPath, type PathStep } from './json-path';

/** A record matches, does not, or could not be read as the filter asks (bad JSON for a JSON path ...). */
export const Verdict = { No: 0, Yes: 1, Undecodable: 2 } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export type RecordTest = (record: FetchedRecord) => Verdict;

type Test = (record: FetchedRecord) => Verdict;
type ValueTest = (value: unknown) => boolean;

const refuse = (index: number, message: string): never => {
  throw new BrookError({ code: 'INVALID_INPUT', message: `Condition ${index + 1}: ${message}`, fields: { [`filter.conditions.${index}`]: message } });
};

const asNumber = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

/** How a value compares with the condition's: numbers as numbers, anything else as text. */
function comparison(c: FilterCondition, ignoreCase: boolean, index: number): ValueTest {
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const text = (v: unknown) => fold(typeof v === 'string' ? v : JSON.stringify(v));
  const wanted = fold(c.value);
  const wantedNumber = asNumber(c.value);
  switch (c.op) {
    case 'exists':
      return () => true;
    case 'contains':
      return (v) => text(v).includes(wanted);
    case 'not-contains':
      return (v) => !text(v).includes(wanted);
    case 'equals':
      return (v) => (wantedNumber !== undefined && typeof v === 'number' ? v === wantedNumber : text(v) === wanted);
    case 'gt':
    case 'lt': {
      const sign = c.op === 'gt' ? 1 : -1;
      return (v) => {
        const n = asNumber(v);
        if (wantedNumber !== undefined && n !== undefined) return Math.sign(n - wantedNumber) === sign;
        return Math.sign(text(v).localeCompare(wanted)) === sign;
      };
    }
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(c.value, ignoreCase ? 'i' : '');
      } catch (error) {
        return refuse(index, `not a regular expression: ${(error as Error).message}`);
      }
      return (v) => re.test(typeof v === 'string' ? v : JSON.stringify(v));
    }
  }
}

/** A test of bytes (a key, a value, a header's value) as `decoder` shows them, at `path` in their JSON. */
function bytesTest(c: FilterCondition, decoder: DecoderName, ignoreCase: boolean, index: number): (bytes: Buffer | null) => Verdict {
  const compare = comparison(c, ignoreCase, index);
  const steps: PathStep[] | undefined = c.path ? parseJsonPath(c.path, `filter.conditions.${index}.path`) : undefined;
  const textual = decoder === 'auto' || decoder === 'string' || decoder === 'json';
  if (!steps && textual && !ignoreCase && (c.op === 'contains' || c.op === 'not-contains')) {
    const needle = Buffer.from(c.value, 'utf8');
    const yes = c.op === 'contains' ? Verdict.Yes : Verdict.No;
    return (bytes) => (bytes === null ? Verdict.No : bytes.indexOf(needle) >= 0 ? yes : ((1 - yes) as Verdict));
  }
  return (bytes) => {
    if (bytes === null) return Verdict.No;
    if (c.op === 'exists' && !steps) return Verdict.Yes;
    const decoded = decodeBytes(bytes, steps && decoder === 'auto' ? 'json' : decoder);
    if (steps) {
      if (decoded.error || decoded.as !== 'json') return Verdict.Undecodable;
      const v = at(decoded.json, steps);
      return !isMissing(v) && compare(v) ? Verdict.Yes : Verdict.No;
    }
    if (decoded.error) return Verdict.Undecodable;
    return compare(decoded.text) ? Verdict.Yes : Verdict.No;
  };
}

function numberTest(c: FilterCondition, read: (r: FetchedRecord) => number, index: number): Test {
  if (c.op === 'exists') return () => Verdict.Yes;
  if (c.op !== 'equals' && c.op !== 'gt' && c.op !== 'lt') return refuse(index, `${c.field} is a number: use equals, greater than or less than`);
  const wanted = c.field === 'timestamp' && asNumber(c.value) === undefined ? Date.parse(c.value) : asNumber(c.value);
  if (wanted === undefined || Number.isNaN(wanted)) return refuse(index, c.field === 'timestamp' ? `"${c.value}" is not a time (milliseconds or a date like 2026-12-07T10:00:00Z)` : `"${c.value}" is not a number`);
  if (c.op === 'equals') return (r) => (read(r) === wanted ? Verdict.Yes : Verdict.No);
  return c.op === 'gt' ? (r) => (read(r) > wanted ? Verdict.Yes : Verdict.No) : (r) => (read(r) < wanted ? Verdict.Yes : Verdict.No);
}

function conditionTest(c: FilterCondition, index: number, filter: RecordFilter, decoders: { key: DecoderName; value: DecoderName }): Test {
  switch (c.field) {
    case 'key':
    case 'value': {
      const test = bytesTest(c, decoders[c.field], filter.ignoreCase, index);
      return c.field === 'key' ? (r) => test(r.key) : (r) => test(r.value);
    }
    case 'header': {
      const name = c.header ? Buffer.from(c.header, 'utf8') : undefined;
      const test = bytesTest(c, 'auto', filter.ignoreCase, index);
      return (r) => {
        let verdict: Verdict = Verdict.No;
        for (const h of r.headers) {
          if (name && !h.key.equals(name)) continue;
          const v = c.op === 'exists' && !c.path ? Verdict.Yes : test(h.value);
          if (v === Verdict.Yes) return v;
          if (v === Verdict.Undecodable) verdict = v;
        }
        return verdict;
      };
    }
    case 'partition':
      return numberTest(c, (r) => r.partition, index);
    case 'offset':
      return numberTest(c, (r) => r.offset, index);
    case 'timestamp':
      return numberTest(c, (r) => r.timestamp, index);
  }
}

export function compileFilter(filter: RecordFilter, decoders: { key: DecoderName; value: DecoderName }): RecordTest {
  const tests = filter.conditions.map((c, i) => conditionTest(c, i, filter, decoders));
  const all = filter.match === 'and';
  return (record) => {
    let undecodable = false;
    for (const t of tests) {
      const v = t(record);
      if (v === Verdict.Undecodable) undecodable = true;
      if (all ? v !== Verdict.Yes : v === Verdict.Yes) return all ? (undecodable ? Verdict.Undecodable : Verdict.No) : Verdict.Yes;
    }
    return all ? Verdict.Yes : undecodable ? Verdict.Undecodable : Verdict.No;
  };
}
