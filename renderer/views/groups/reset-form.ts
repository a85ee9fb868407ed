// The reset dialog's choices as the form holds them (text fields), and what they mean to
// groups:previewReset: a scope and a target, or the field that is wrong and why.
import type { ResetScope, ResetTarget } from '../../../shared/model';

export type ScopeKind = 'all' | 'topic' | 'partitions';
export type ResetMode = ResetTarget['to'];

export interface ResetForm {
  scope: ScopeKind;
  topic: string;
  /** Chosen partitions of `topic`. */
  partitions: number[];
  mode: ResetMode;
  /** A local date and time, as <input type="datetime-local"> gives it. */
  datetime: string;
  duration: string;
  durationUnit: 'minutes' | 'hours' | 'days';
  offset: string;
  shift: string;
}

export const resetModes: Array<{ mode: ResetMode; label: string }> = [
  { mode: 'earliest', label: 'Earliest' },
  { mode: 'latest', label: 'Latest' },
  { mode: 'datetime', label: 'Date and time' },
  { mode: 'duration', label: 'Time ago' },
  { mode: 'offset', label: 'Offset' },
  { mode: 'shift', label: 'Shift by' },
];

const unitMs = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export type Parsed = { ok: true; scope: ResetScope; target: ResetTarget } | { ok: false; field: string; message: string };

export function parseResetForm(f: ResetForm): Parsed {
  if (f.scope !== 'all' && !f.topic) return { ok: false, field: 'topic', message: 'Choose a topic' };
  if (f.scope === 'partitions' && !f.partitions.length) return { ok: false, field: 'partitions', message: 'Choose at least one partition' };
  const scope: ResetScope = f.scope === 'all' ? {} : f.scope === 'topic' ? { topic: f.topic } : { topic: f.topic, partitions: [...f.partitions].sort((a, b) => a - b) };
  const whole = (text: string, signed: boolean) => (signed ? /^[+-]?\d+$/ : /^\d+$/).test(text.trim()) ? Number(text.trim()) : null;
  switch (f.mode) {
    case 'earliest':
    case 'latest':
      return { ok: true, scope, target: { to: f.mode } };
    case 'datetime': {
      const timestamp = f.datetime ? new Date(f.datetime).getTime() : NaN;
      if (!Number.isFinite(timestamp) || timestamp < 0) return { ok: false, field: 'datetime', message: 'A date and time' };
      return { ok: true, scope, target: { to: 'datetime', timestamp } };
    }
    case 'duration': {
      const n = whole(f.duration, false);
      if (n === null) return { ok: false, field: 'duration', message: `A whole number of ${f.durationUnit}` };
      return { ok: true, scope, target: { to: 'duration', ms: n * unitMs[f.durationUnit] } };
    }
    case 'offset': {
      const n = whole(f.offset, false);
      if (n === null) return { ok: false, field: 'offset', message: 'An offset, 0 or more' };
      return { ok: true, scope, target: { to: 'offset', offset: n } };
    }
    case 'shift': {
      const n = whole(f.shift, true);
      if (n === null || n === 0) return { ok: false, field: 'shift', message: 'A number of records, like -100 or +50' };
      return { ok: true, scope, target: { to: 'shift', by: n } };
    }
  }
}
