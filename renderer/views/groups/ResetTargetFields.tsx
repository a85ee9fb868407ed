// The reset dialog's target: where the offsets go, and the one figure that mode needs.
import type { ReactNode } from 'react';
import { resetModes, type ResetForm } from './reset-form';

export function ResetTargetFields({ form, change, error }: { form: ResetForm; change(p: Partial<ResetForm>): void; error(field: string): ReactNode }) {
  const field = (name: 'datetime' | 'duration' | 'offset' | 'shift', label: string, input: ReactNode, help?: string) => (
    <div className={`field${error(name) ? ' invalid' : ''}`}>
      <label htmlFor={`reset-${name}`}>{label}</label>
      {input}
      {help ? <div className="field-help">{help}</div> : null}
      {error(name)}
    </div>
  );
  return (
    <fieldset className="reset-fieldset">
      <legend>Reset to</legend>
      <div className="mode-picker" role="radiogroup" aria-label="Reset to">
        {resetModes.map((m) => (
          <label key={m.mode} className={form.mode === m.mode ? 'on' : undefined}>
            <input type="radio" name="reset-mode" checked={form.mode === m.mode} onChange={() => change({ mode: m.mode })} data-testid={`reset-mode-${m.mode}`} />
            {m.label}
          </label>
        ))}
      </div>
      {form.mode === 'earliest' ? <p className="field-help">Each partition's log start offset: every record still kept is read again.</p> : null}
      {form.mode === 'latest' ? <p className="field-help">Each partition's log end offset: the group skips everything unread.</p> : null}
      {form.mode === 'datetime'
        ? field('datetime', 'The first record at or after', <input id="reset-datetime" type="datetime-local" step={1} value={form.datetime} onChange={(e) => change({ datetime: e.target.value })} data-testid="reset-datetime" />, 'Your local time; the log end where no record is that late.')
        : null}
      {form.mode === 'duration'
        ? field('duration', 'The first record at or after this long ago', (
          <span className="inline-fields">
            <input id="reset-duration" inputMode="numeric" value={form.duration} onChange={(e) => change({ duration: e.target.value })} data-testid="reset-duration" />
            <select aria-label="Unit" value={form.durationUnit} onChange={(e) => change({ durationUnit: e.target.value as ResetForm['durationUnit'] })} data-testid="reset-duration-unit">
              <option value="minutes">minutes</option><option value="hours">hours</option><option value="days">days</option>
            </select>
          </span>
        ))
        : null}
      {form.mode === 'offset' ? field('offset', 'Offset', <input id="reset-offset" inputMode="numeric" value={form.offset} onChange={(e) => change({ offset: e.target.value })} data-testid="reset-offset" />, 'The same offset on each partition, kept within its log start and end.') : null}
      {form.mode === 'shift' ? field('shift', 'Shift by', <input id="reset-shift" inputMode="numeric" value={form.shift} onChange={(e) => change({ shift: e.target.value })} data-testid="reset-shift" />, 'Records back (-) or forward (+) from each commit.') : null}
    </fieldset>
  );
}
