// The produce dialog's draft as the user edits it, checked as they type (JSON after templates
// are expanded with sample values, as core expands them for each record), and a record made into
// a draft for "produce again": text stays text, other bytes travel as base64.
import { utf8Text } from '../../../shared/decoders';
import type { Payload, ProduceDraft, RecordBytes, TopicRecord } from '../../../shared/model';
import { bytesOf } from './record-text';

export interface PayloadForm {
  isNull: boolean;
  encoding: Payload['encoding'];
  data: string;
}

export interface ProduceForm {
  key: PayloadForm;
  value: PayloadForm;
  headers: Array<{ key: string; value: string }>;
  /** Blank: chosen by the key. */
  partition: string;
  compression: ProduceDraft['compression'];
  acks: '-1' | '0' | '1';
  idempotent: boolean;
  repeat: string;
}

export const emptyProduceForm: ProduceForm = {
  key: { isNull: false, encoding: 'text', data: '' },
  value: { isNull: false, encoding: 'json', data: '{\n  "id": "{{uuid}}",\n  "seq": {{seq}}\n}' },
  headers: [],
  partition: '',
  compression: 'none',
  acks: '-1',
  idempotent: false,
  repeat: '1',
};

const samples: Array<[RegExp, string]> = [[/\{\{\s*seq\s*\}\}/g, '1'], [/\{\{\s*now\s*\}\}/g, '0'], [/\{\{\s*uuid\s*\}\}/g, '00000000-0000-0000-0000-000000000000'], [/\{\{\s*random\.int\(\s*(-?\d+)\s*,[^)]*\)\s*\}\}/g, '$1']];

/** Why this payload will be refused, or undefined. */
export function payloadProblem(p: PayloadForm): string | undefined {
  if (p.isNull) return undefined;
  if (p.encoding === 'json') {
    const expanded = samples.reduce((text, [re, sample]) => text.replace(re, sample), p.data);
    try {
      JSON.parse(expanded);
    } catch (error) {
      return `Not JSON: ${(error as Error).message}`;
    }
  }
  if (p.encoding === 'hex' && !/^(\s*[0-9a-fA-F]{2})*\s*$/.test(p.data)) return 'Hex digits, two a byte';
  if (p.encoding === 'base64' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(p.data)) return 'Not base64';
  return undefined;
}

const payload = (p: PayloadForm): Payload | null => (p.isNull ? null : { encoding: p.encoding, data: p.data });

export function toDraft(form: ProduceForm): { draft?: ProduceDraft; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const keyProblem = payloadProblem(form.key);
  const valueProblem = payloadProblem(form.value);
  if (keyProblem) errors['draft.key'] = keyProblem;
  if (valueProblem) errors['draft.value'] = valueProblem;
  const repeat = Number(form.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 1_000_000) errors['draft.repeat'] = 'From 1 to 1,000,000';
  const partition = form.partition.trim() === '' ? undefined : Number(form.partition);
  if (partition !== undefined && !(Number.isInteger(partition) && partition >= 0)) errors['draft.partition'] = 'A partition number';
  form.headers.forEach((h, i) => !h.key.trim() && (errors[`draft.headers.${i}.key`] = 'Name the header'));
  if (Object.keys(errors).length) return { errors };
  const draft: ProduceDraft = {
    key: payload(form.key),
    value: payload(form.value),
    headers: form.headers.map((h) => ({ key: h.key, value: { encoding: 'text', data: h.value } })),
    compression: form.compression,
    acks: Number(form.acks) as ProduceDraft['acks'],
    idempotent: form.idempotent,
    repeat,
    ...(partition !== undefined ? { partition } : {}),
  };
  return { draft, errors };
}

function payloadOf(b: RecordBytes | null, json: boolean): PayloadForm {
  if (b === null) return { isNull: true, encoding: 'text', data: '' };
  const bytes = bytesOf(b);
  const text = utf8Text(bytes);
  if (text === undefined) return { isNull: false, encoding: 'base64', data: b.base64 };
  const isJson = json && (() => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  })();
  return { isNull: false, encoding: isJson ? 'json' : 'text', data: text };
}

export function formFromRecord(r: TopicRecord): ProduceForm {
  return {
    ...emptyProduceForm,
    key: payloadOf(r.key, false),
    value: payloadOf(r.value, true),
    headers: r.headers.map((h) => ({ key: utf8Text(bytesOf(h.key)) ?? '', value: h.value ? utf8Text(bytesOf(h.value)) ?? '' : '' })),
    partition: String(r.partition),
    compression: r.compression,
  };
}
