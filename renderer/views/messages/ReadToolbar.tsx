// Where a read starts and stops, which partitions, and how keys and values decode; Read starts it
// (Enter in any field too). While a read runs: its rate, pause and resume for a tail, Stop.
import type { FormEvent } from 'react';
import { decoderNames, type DecoderName } from '../../../shared/model';
import { humanCount } from '../../format';
import { useMessages } from '../../stores/messages';
import { startDefaults, type FormErrors, type ReadForm, type StartChoice, type StopChoice } from './read-form';

const starts: Array<[StartChoice, string]> = [['newest', 'Newest'], ['oldest', 'Oldest'], ['offset', 'Offset'], ['timestamp', 'Timestamp'], ['group', "A consumer group's offsets"], ['now', 'Now (new records only)']];
const stops: Array<[StopChoice, string]> = [['end', 'At the end'], ['count', 'After N records'], ['never', 'Never (live tail)']];
const startPlaceholders: Partial<Record<StartChoice, string>> = { newest: 'records', offset: 'offset', timestamp: '2026-12-07 14:00', group: 'consumer group' };

export function ReadToolbar({ form, errors, partitionCount, onChange, onRead }: {
  form: ReadForm;
  errors: FormErrors;
  partitionCount: number | undefined;
  onChange(form: ReadForm): void;
  onRead(): void;
}) {
  const { status, paused, progress, input, stop, pause, resume } = useMessages();
  const reading = status === 'reading';
  const tail = reading && input?.stop.at === 'never';
  const set = (patch: Partial<ReadForm>) => onChange({ ...form, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRead();
  };
  const decoder = (label: string, value: DecoderName, patch: (d: DecoderName) => Partial<ReadForm>) => (
    <label className="tool-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(patch(e.target.value as DecoderName))} aria-label={`${label} decoder`} data-testid={`${label.toLowerCase()}-decoder`}>
        {decoderNames.map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
    </label>
  );
  return (
    <form className="read-toolbar" onSubmit={submit} data-testid="read-toolbar" noValidate>
      <label className="tool-field">
        <span>Start</span>
        <select value={form.start} aria-label="Start" data-testid="read-start" onChange={(e) => {
          const start = e.target.value as StartChoice;
          set({ start, startValue: startDefaults[start] });
        }}>
          {starts.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
        </select>
      </label>
      {startPlaceholders[form.start] ? (
        <label className={`tool-field${errors.startValue ? ' invalid' : ''}`}>
          <span>{form.start === 'newest' ? 'Records' : form.start === 'group' ? 'Group' : form.start === 'offset' ? 'Offset' : 'At'}</span>
          <input className="mono" value={form.startValue} placeholder={startPlaceholders[form.start]} onChange={(e) => set({ startValue: e.target.value })}
            type={form.start === 'timestamp' ? 'datetime-local' : 'text'} step={form.start === 'timestamp' ? 1 : undefined} aria-label="Start value" data-testid="read-start-value" aria-invalid={!!errors.startValue} />
          {errors.startValue ? <span className="field-error" data-testid="error-startValue">{errors.startValue}</span> : null}
        </label>
      ) : null}
      <label className={`tool-field${errors.partitions ? ' invalid' : ''}`}>
        <span>Partitions</span>
        <input className="mono narrow" value={form.partitions} placeholder={partitionCount ? `all ${partitionCount}` : 'all'} onChange={(e) => set({ partitions: e.target.value })}
          aria-label="Partitions" title="Blank for all, or a list like 0, 2, 5-7" data-testid="read-partitions" />
        {errors.partitions ? <span className="field-error" data-testid="error-partitions">{errors.partitions}</span> : null}
      </label>
      <label className="tool-field">
        <span>Stop</span>
        <select value={form.stop} aria-label="Stop" data-testid="read-stop" onChange={(e) => set({ stop: e.target.value as StopChoice })}>
          {stops.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
        </select>
      </label>
      {form.stop === 'count' ? (
        <label className={`tool-field${errors.stopCount ? ' invalid' : ''}`}>
          <span>Records</span>
          <input className="mono narrow" value={form.stopCount} onChange={(e) => set({ stopCount: e.target.value })} aria-label="Stop after" data-testid="read-stop-count" />
          {errors.stopCount ? <span className="field-error">{errors.stopCount}</span> : null}
        </label>
      ) : null}
      {decoder('Key', form.keyDecoder, (keyDecoder) => ({ keyDecoder }))}
      {decoder('Value', form.valueDecoder, (valueDecoder) => ({ valueDecoder }))}
      <label className="tool-field">
        <span>Isolation</span>
        <select value={form.isolation} aria-label="Isolation" onChange={(e) => set({ isolation: e.target.value as ReadForm['isolation'] })}>
          <option value="read_uncommitted">read_uncommitted</option>
          <option value="read_committed">read_committed</option>
        </select>
      </label>
      <div className="read-actions">
        {reading ? (
          <>
            {tail ? (
              <span className="muted small" role="status" data-testid="tail-rate">
                {paused ? 'Paused: new records wait in Brook' : `${progress?.caughtUp ? 'Live, waiting for records' : 'Live'} · ${humanCount(Math.round(progress?.rate ?? 0))} records/s`}
              </span>
            ) : null}
            {tail ? (
              <button type="button" onClick={paused ? resume : pause} data-testid="tail-pause" title="Paused, Brook holds back delivery: the read waits in Brook and goes on where it stopped">
                {paused ? 'Resume' : 'Pause'}
              </button>
            ) : null}
            <button type="button" onClick={stop} data-testid="read-stop-button">Stop</button>
          </>
        ) : null}
        <button type="submit" className="primary" data-testid="read-button">{reading ? 'Read again' : 'Read'}</button>
      </div>
    </form>
  );
}
