// The toolbar's choices as the text a user edits, and the messages:read input they make. What is
// not a number or a partition of the topic is refused beside its field before anything is sent.
// The decoders are remembered per topic (localStorage), since a topic's keys and values keep
// their format.
import type { DecoderName } from '../../../shared/model';
import { decoderNames } from '../../../shared/model';
import type { ReadInput } from '../../stores/messages';

export type StartChoice = 'newest' | 'oldest' | 'offset' | 'timestamp' | 'group' | 'now';
export type StopChoice = 'count' | 'end' | 'never';

export interface ReadForm {
  start: StartChoice;
  /** newest: how many; offset: which; timestamp: a local date and time; group: the group's name. */
  startValue: string;
  /** Blank for all, or "0, 2, 5-7". */
  partitions: string;
  stop: StopChoice;
  stopCount: string;
  keyDecoder: DecoderName;
  valueDecoder: DecoderName;
  isolation: 'read_uncommitted' | 'read_committed';
}

export const startDefaults: Record<StartChoice, string> = { newest: '500', oldest: '', offset: '0', timestamp: '', group: '', now: '' };

export const defaultForm: ReadForm = { start: 'newest', startValue: '500', partitions: '', stop: 'end', stopCount: '1000', keyDecoder: 'auto', valueDecoder: 'auto', isolation: 'read_uncommitted' };

export type FormErrors = Partial<Record<'startValue' | 'partitions' | 'stopCount', string>>;

/** "0, 2, 5-7" as partition numbers; undefined for blank (all). */
export function parsePartitions(text: string, count: number | undefined): number[] | string | undefined {
  if (!text.trim()) return undefined;
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    const [low, high] = range ? [Number(range[1]), Number(range[2])] : /^\d+$/.test(part) ? [Number(part), Number(part)] : [NaN, NaN];
    if (Number.isNaN(low) || low > high) return `"${part}" is not a partition or a range like 2-4`;
    if (count !== undefined && high >= count) return `The topic has partitions 0 to ${count - 1}`;
    for (let p = low; p <= high; p++) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : undefined);

export function toReadInput(form: ReadForm, clusterId: string, topic: string, partitionCount: number | undefined): { input?: ReadInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const partitions = parsePartitions(form.partitions, partitionCount);
  if (typeof partitions === 'string') errors.partitions = partitions;
  const n = wholeNumber(form.startValue);
  let start: ReadInput['start'] = { from: 'oldest' };
  if (form.start === 'newest') {
    if (!n || n > 100_000) errors.startValue = 'From 1 to 100,000 records';
    else start = { from: 'newest', count: n };
  } else if (form.start === 'offset') {
    if (n === undefined) errors.startValue = 'An offset, 0 or more';
    else start = { from: 'offset', offset: n };
  } else if (form.start === 'timestamp') {
    const at = Date.parse(form.startValue);
    if (Number.isNaN(at)) errors.startValue = 'A date and time';
    else start = { from: 'timestamp', timestamp: at };
  } else if (form.start === 'group') {
    if (!form.startValue.trim()) errors.startValue = 'Name a consumer group';
    else start = { from: 'group', groupId: form.startValue.trim() };
  } else if (form.start === 'now') start = { from: 'now' };
  let stop: ReadInput['stop'] = { at: form.stop === 'never' ? 'never' : 'end' };
  if (form.stop === 'count') {
    const count = wholeNumber(form.stopCount);
    if (!count || count > 1_000_000) errors.stopCount = 'From 1 to 1,000,000 records';
    else stop = { at: 'count', count };
  }
  if (Object.keys(errors).length) return { errors };
  const input: ReadInput = { clusterId, topic, start, stop, keyDecoder: form.keyDecoder, valueDecoder: form.valueDecoder, isolation: form.isolation, ...(Array.isArray(partitions) ? { partitions } : {}) };
  return { input, errors };
}

const decodersKey = (clusterId: string, topic: string) => `brook.messages.decoders.${clusterId}.${topic}`;
const isDecoder = (v: unknown): v is DecoderName => typeof v === 'string' && (decoderNames as readonly string[]).includes(v);

export function loadDecoders(clusterId: string, topic: string): Pick<ReadForm, 'keyDecoder' | 'valueDecoder'> {
  try {
    const saved = JSON.parse(localStorage.getItem(decodersKey(clusterId, topic)) ?? '{}') as Record<string, unknown>;
    return { keyDecoder: isDecoder(saved.key) ? saved.key : 'auto', valueDecoder: isDecoder(saved.value) ? saved.value : 'auto' };
  } catch {
    return { keyDecoder: 'auto', valueDecoder: 'auto' };
  }
}

export function saveDecoders(clusterId: string, topic: string, form: Pick<ReadForm, 'keyDecoder' | 'valueDecoder'>): void {
  localStorage.setItem(decodersKey(clusterId, topic), JSON.stringify({ key: form.keyDecoder, value: form.valueDecoder }));
}
