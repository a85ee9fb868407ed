// The templates of a produce draft, expanded for each record sent: {{seq}} (1, 2, 3 ...),
// {{uuid}}, {{now}} (milliseconds since the epoch) and {{random.int(a,b)}} (a to b inclusive).
// A draft is checked once before anything is sent: an unknown template is INVALID_INPUT on the
// field that holds it, as is JSON that does not parse once expanded.
import { randomInt, randomUUID } from 'node:crypto';
import { BrookError } from '../../../shared/errors';
import type { Payload } from '../../../shared/model';

const TEMPLATE = /\{\{\s*([^}]*?)\s*\}\}/g;
const RANDOM_INT = /^random\.int\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)$/;

type Part = string | ((seq: number) => string);

export type Template = (seq: number) => Buffer | null;

function word(name: string, field: string): (seq: number) => string {
  if (name === 'seq') return (seq) => String(seq);
  if (name === 'uuid') return () => randomUUID();
  if (name === 'now') return () => String(Date.now());
  const random = RANDOM_INT.exec(name);
  if (random) {
    const [low, high] = [Number(random[1]), Number(random[2])];
    if (low > high) throw refuse(field, `random.int(${low},${high}): the first bound is above the second`);
    return () => String(randomInt(low, high + 1));
  }
  throw refuse(field, `Unknown template {{${name}}}: use {{seq}}, {{uuid}}, {{now}} or {{random.int(a,b)}}`);
}

const refuse = (field: string, message: string) => new BrookError({ code: 'INVALID_INPUT', message, fields: { [field]: message } });

/** The text with its templates compiled (text only: hex and base64 are bytes as they are). */
export function compileText(text: string, field: string): (seq: number) => string {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(TEMPLATE)) {
    parts.push(text.slice(last, m.index), word(m[1]!, field));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  if (parts.length === 1) return () => text;
  return (seq) => parts.map((p) => (typeof p === 'string' ? p : p(seq))).join('');
}

/** A payload as the bytes of record number `seq`; checked on the first record before any is sent. */
export function compilePayload(payload: Payload | null, field: string): Template {
  if (payload === null) return () => null;
  switch (payload.encoding) {
    case 'hex': {
      const clean = payload.data.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw refuse(field, 'Not hex: pairs of 0-9 and a-f');
      const bytes = Buffer.from(clean, 'hex');
      return () => bytes;
    }
    case 'base64': {
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(payload.data)) throw refuse(field, 'Not base64');
      const bytes = Buffer.from(payload.data, 'base64');
      return () => bytes;
    }
    case 'text':
    case 'json': {
      const text = compileText(payload.data, field);
      const make = (seq: number) => Buffer.from(text(seq), 'utf8');
      if (payload.encoding === 'json') {
        try {
          JSON.parse(text(1));
        } catch (error) {
          throw refuse(field, `Not JSON once its templates are filled in: ${(error as Error).message}`);
        }
      }
      return make;
    }
  }
}
