// Produce records to the topic (messages:produce): key, value and headers, a partition or the
// key's, compression, acks, idempotence, and N records from one draft with {{seq}}, {{uuid}},
// {{now}} and {{random.int(a,b)}} expanded for each. Shows progress and where records went; a
// refusal lands beside its field.
import { useState, type FormEvent } from 'react';
import type { ProducedRecord } from '../../../shared/model';
import { ApiError, stream } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { exactCount } from '../../format';
import { toDraft, type PayloadForm, type ProduceForm } from './produce-form';
import { useStreamDialog } from './use-stream-dialog';

const SHOWN_OFFSETS = 20;

function PayloadField({ label, value, error, onChange }: { label: 'Key' | 'Value'; value: PayloadForm; error?: string | undefined; onChange(p: PayloadForm): void }) {
  const id = `produce-${label.toLowerCase()}`;
  return (
    <div className={`field span-2${error ? ' invalid' : ''}`}>
      <div className="payload-head">
        <label htmlFor={id}>{label}</label>
        <select value={value.encoding} onChange={(e) => onChange({ ...value, encoding: e.target.value as PayloadForm['encoding'] })} aria-label={`${label} encoding`} disabled={value.isNull}>
          <option value="text">Text</option>
          <option value="json">JSON</option>
          <option value="hex">Hex</option>
          <option value="base64">Base64</option>
        </select>
        <label className="check"><input type="checkbox" checked={value.isNull} onChange={(e) => onChange({ ...value, isNull: e.target.checked })} /> <span>null</span></label>
      </div>
      <textarea id={id} className="mono" rows={label === 'Key' ? 1 : 6} value={value.data} disabled={value.isNull} onChange={(e) => onChange({ ...value, data: e.target.value })} data-testid={id} />
      {error ? <div className="field-error" data-testid={`error-${id}`}>{error}</div> : null}
    </div>
  );
}

export function ProduceDialog({ clusterId, topic, initial, onClose, onProduced }: { clusterId: string; topic: string; initial: ProduceForm; onClose(): void; onProduced(): void }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [produced, setProduced] = useState<ProducedRecord[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const { run, cancel, failure } = useStreamDialog();
  const set = (patch: Partial<ProduceForm>) => setForm((f) => ({ ...f, ...patch }));
  const live = toDraft(form).errors;
  const shown = { ...live, ...errors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { draft, errors: found } = toDraft(form);
    setErrors(found);
    setSummary(null);
    if (!draft) return;
    // A refusal of one field goes beside it; anything else to the error box.
    const beside = (error: unknown) => {
      const fields = error instanceof ApiError && error.shape.code === 'INVALID_INPUT' ? error.shape.fields : undefined;
      if (fields) setErrors(fields);
      return fields !== undefined;
    };
    void run(async (track) => {
      setProduced([]);
      setProgress({ done: 0, total: draft.repeat });
      try {
        const done = await track(stream('messages:produce', { clusterId, topic, draft }, { chunk: (records) => setProduced((all) => all.concat(records).slice(-SHOWN_OFFSETS)), progress: setProgress }));
        setSummary(`Produced ${exactCount(done.produced)} record${done.produced === 1 ? '' : 's'} in ${(done.ms / 1000).toFixed(1)} s${done.first ? `: partition ${done.first.partition} offset ${done.first.offset}` : ''}${done.last && done.produced > 1 ? ` to partition ${done.last.partition} offset ${done.last.offset}` : ''}`);
        onProduced();
      } finally {
        setProgress(null);
      }
    }, beside);
  };
  const busy = progress !== null;
  return (
    <ModalDialog label="Produce records" onClose={() => (busy ? cancel() : onClose())} className="wide-dialog produce-dialog" initialFocus="#produce-value">
      <form onSubmit={submit} data-testid="produce-form" noValidate>
        <h2>Produce to <span className="mono">{topic}</span></h2>
        <div className="form-grid">
          <PayloadField label="Key" value={form.key} error={shown['draft.key']} onChange={(key) => set({ key })} />
          <PayloadField label="Value" value={form.value} error={shown['draft.value']} onChange={(value) => set({ value })} />
          <div className="field span-2">
            <label>Headers</label>
            {form.headers.map((h, i) => (
              <div className="header-row" key={i}>
                <input className="mono" value={h.key} placeholder="key" aria-label={`Header ${i + 1} key`} onChange={(e) => set({ headers: form.headers.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })} />
                <input className="mono" value={h.value} placeholder="value" aria-label={`Header ${i + 1} value`} onChange={(e) => set({ headers: form.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
                <button type="button" className="icon-button" aria-label="Remove the header" onClick={() => set({ headers: form.headers.filter((_, j) => j !== i) })}>×</button>
                {shown[`draft.headers.${i}.key`] ? <div className="field-error">{shown[`draft.headers.${i}.key`]}</div> : null}
              </div>
            ))}
            <div><button type="button" className="small-button" onClick={() => set({ headers: [...form.headers, { key: '', value: '' }] })} data-testid="add-header">Add a header</button></div>
          </div>
          <div className={`field${shown['draft.partition'] ? ' invalid' : ''}`}>
            <label htmlFor="produce-partition">Partition</label>
            <input id="produce-partition" className="mono" value={form.partition} placeholder="by key" onChange={(e) => set({ partition: e.target.value })} />
            {shown['draft.partition'] ? <div className="field-error">{shown['draft.partition']}</div> : <div className="field-help">Blank: the key's (murmur2, as Java clients choose).</div>}
          </div>
          <div className={`field${shown['draft.repeat'] ? ' invalid' : ''}`}>
            <label htmlFor="produce-repeat">Records</label>
            <input id="produce-repeat" className="mono" value={form.repeat} onChange={(e) => set({ repeat: e.target.value })} data-testid="produce-repeat" />
            {shown['draft.repeat'] ? <div className="field-error">{shown['draft.repeat']}</div> : <div className="field-help">{'{{seq}}, {{uuid}}, {{now}}, {{random.int(a,b)}} expand for each.'}</div>}
          </div>
          <div className="field">
            <label htmlFor="produce-compression">Compression</label>
            <select id="produce-compression" value={form.compression} onChange={(e) => set({ compression: e.target.value as ProduceForm['compression'] })}>
              {(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const).map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </div>
          <div className={`field${shown['draft.acks'] ? ' invalid' : ''}`}>
            <label htmlFor="produce-acks">acks</label>
            <select id="produce-acks" value={form.acks} onChange={(e) => set({ acks: e.target.value as ProduceForm['acks'] })}>
              <option value="-1">-1 (all in-sync replicas)</option>
              <option value="1">1 (the leader)</option>
              <option value="0">0 (no answer)</option>
            </select>
            {shown['draft.acks'] ? <div className="field-error">{shown['draft.acks']}</div> : null}
          </div>
          <label className="check span-2"><input type="checkbox" checked={form.idempotent} onChange={(e) => set({ idempotent: e.target.checked })} /> <span>enable.idempotence (a producer id, no duplicates on retry; needs acks -1)</span></label>
        </div>
        {failure ? <ErrorBox error={failure} /> : null}
        {progress ? <div className="muted small" role="status" data-testid="produce-progress"><span className="bar"><span style={{ width: `${(progress.done / Math.max(1, progress.total)) * 100}%` }} /></span> {exactCount(progress.done)} / {exactCount(progress.total)}</div> : null}
        {summary ? <div className="ok-box" role="status" data-testid="produce-summary">{summary}</div> : null}
        {produced.length ? <div className="mono small produced" data-testid="produced-offsets">{produced.map((p) => `${p.partition}:${p.offset}`).join('  ')}</div> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="produce-submit">{busy ? 'Producing…' : 'Produce'}</button>
          {busy ? <button type="button" onClick={() => cancel()}>Cancel</button> : <button type="button" onClick={onClose}>Close</button>}
        </div>
      </form>
    </ModalDialog>
  );
}
