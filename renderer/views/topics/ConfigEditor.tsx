// One config being changed: a new value (SET) or the override reset to what it hides (DELETE).
// Each goes to the cluster with validateOnly first; its refusal (INVALID_CONFIG, a policy) in
// Kafka's words under the value.
import { useState, type FormEvent } from 'react';
import type { ConfigChange, TopicConfig, TopicConfigs } from '../../../shared/model';
import { invoke } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { isOverride, shownValue, sourceMeaning } from './config-columns';
import { useFormRun } from './form-run';

export function ConfigEditor({ clusterId, topic, config, onClose, onSaved }: { clusterId: string; topic: string; config: TopicConfig; onClose(): void; onSaved(configs: TopicConfigs): void }) {
  const [value, setValue] = useState(config.sensitive ? '' : (config.value ?? ''));
  const { busy, failed, run } = useFormRun<'checking' | 'saving'>();
  const override = isOverride(config);

  const change = (next: ConfigChange) =>
    run(async (step) => {
      step('checking');
      await invoke('topics:alterConfigs', { id: clusterId, topic, changes: [next], validateOnly: true });
      step('saving');
      onSaved(await invoke('topics:alterConfigs', { id: clusterId, topic, changes: [next] }));
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change({ name: config.name, value });
  };
  const error = failed.fields['changes.0.value'] ?? failed.fields.changes;
  const hidden = config.inherited;
  return (
    <form className="config-editor" onSubmit={submit} data-testid="config-editor" noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
      <div className="config-editor-head">
        <span className="mono strong">{config.name}</span>
        <span className="muted small">{config.type !== 'UNKNOWN' ? config.type : ''}</span>
        <span className="mono small muted" title={sourceMeaning[config.source]}>{config.source}</span>
      </div>
      <div className={`field${error ? ' invalid' : ''}`}>
        <label htmlFor="config-value">Value</label>
        <input id="config-value" className="mono" autoFocus value={value} onChange={(e) => setValue(e.target.value)} disabled={config.readOnly}
          type={config.sensitive ? 'password' : 'text'} autoComplete="off" placeholder={config.sensitive ? 'Sensitive: type a new value' : undefined} />
        {error ? <div className="field-error" data-testid="error-config-value">{error}</div> : (
          <div className="field-help">
            {config.readOnly ? 'Read-only: the cluster does not let this config be changed.'
              : override ? (hidden ? <>Overrides <span className="mono">{hidden.name}={shownValue({ value: hidden.value, sensitive: config.sensitive }).text}</span> ({hidden.source}); a reset goes back to it.</> : "Overrides Kafka's default; a reset goes back to it.")
              : <>{sourceMeaning[config.source]}. A value set here becomes an override of this topic (DYNAMIC_TOPIC_CONFIG).</>}
          </div>
        )}
      </div>
      {failed.failure ? <ErrorBox error={failed.failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy !== null || config.readOnly} data-testid="config-save">{busy === 'checking' ? 'Checking…' : busy === 'saving' ? 'Saving…' : 'Save'}</button>
        {override ? <button type="button" disabled={busy !== null || config.readOnly} onClick={() => void change({ name: config.name, reset: true })} data-testid="config-reset">Reset to default</button> : null}
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
