// Delete records (Kafka's DeleteRecords): everything up to the high watermark, or per partition
// the records before an offset. Nothing is written until the preview has said, per partition, the
// log start offset before and after and the records that go, and the user has confirmed that; the
// purge then applies exactly the preview's offsets, so records produced meanwhile stay.
import { useState, type FormEvent } from 'react';
import type { PurgeResult, TopicDetail } from '../../../shared/model';
import { invoke } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { exactCount } from '../../format';
import { useFormRun } from './form-run';

function PreviewTable({ preview }: { preview: PurgeResult }) {
  return (
    <div className="dialog-scroll">
      <table className="table" data-testid="purge-preview">
        <thead>
          <tr><th className="num">Partition</th><th className="num">Log start</th><th className="num">New log start</th><th className="num">Records deleted</th></tr>
        </thead>
        <tbody>
          {preview.partitions.map((p) => (
            <tr key={p.partition} data-partition={p.partition}>
              <td className="num">{p.partition}</td>
              <td className="num">{exactCount(p.logStartOffset)}</td>
              <td className="num">{p.deleted > 0 ? <strong>{exactCount(p.newLogStartOffset)}</strong> : exactCount(p.newLogStartOffset)}</td>
              <td className="num">{exactCount(p.deleted)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={3}>Total</td><td className="num" data-testid="purge-total"><strong>{exactCount(preview.deleted)}</strong></td></tr>
        </tfoot>
      </table>
    </div>
  );
}

export function PurgeDialog({ clusterId, detail, onClose, onPurged }: { clusterId: string; detail: TopicDetail; onClose(): void; onPurged(result: PurgeResult): void }) {
  const topic = detail.name;
  const [mode, setMode] = useState<'all' | 'offsets'>('all');
  // Each partition starts at its log start offset: nothing deleted until the user says more.
  const [offsets, setOffsets] = useState<Record<string, string>>(() => Object.fromEntries(detail.partitions.map((p) => [String(p.partition), String(Math.max(0, p.logStartOffset))])));
  const [preview, setPreview] = useState<PurgeResult | null>(null);
  const { busy, failed, run, refuse } = useFormRun<'previewing' | 'deleting'>();

  const askPreview = (event: FormEvent) => {
    event.preventDefault();
    const bad = Object.entries(offsets).find(([, v]) => !/^\d+$/.test(v.trim()));
    if (mode === 'offsets' && bad) return refuse({ [`offsets.${bad[0]}`]: 'An offset, 0 or more' });
    const asked = mode === 'all' ? undefined : Object.fromEntries(Object.entries(offsets).map(([p, v]) => [p, Number(v)]));
    void run(async (step) => {
      step('previewing');
      setPreview(await invoke('topics:purge', { id: clusterId, topic, preview: true, ...(asked ? { offsets: asked } : {}) }));
    });
  };
  const apply = () =>
    run(async (step) => {
      step('deleting');
      const chosen = Object.fromEntries(preview!.partitions.filter((p) => p.deleted > 0).map((p) => [String(p.partition), p.newLogStartOffset]));
      onPurged(await invoke('topics:purge', { id: clusterId, topic, offsets: chosen }));
    });

  return (
    <ModalDialog label={`Delete records of ${topic}`} onClose={onClose} className="wide-dialog" initialFocus={preview ? 'button[data-cancel]' : '#purge-all'}>
      <form onSubmit={askPreview} data-testid="purge-form" noValidate>
        <h2>Delete records of <span className="mono">{topic}</span></h2>
        {preview ? (
          <>
            <p>
              {preview.deleted > 0
                ? <>These <strong>{exactCount(preview.deleted)}</strong> records are deleted for every consumer. Each partition's log start offset moves up; this cannot be undone.</>
                : 'Nothing would be deleted: every offset given is at or below its partition\'s log start offset.'}
            </p>
            <PreviewTable preview={preview} />
          </>
        ) : (
          <>
            <div className="choices">
              <label className="check"><input id="purge-all" type="radio" name="purge-mode" checked={mode === 'all'} onChange={() => setMode('all')} /> <span>All records, up to each partition's high watermark</span></label>
              <label className="check"><input type="radio" name="purge-mode" checked={mode === 'offsets'} onChange={() => setMode('offsets')} data-testid="purge-mode-offsets" /> <span>Records before an offset, per partition</span></label>
            </div>
            {mode === 'offsets' ? (
              <div className="dialog-scroll">
                <table className="table">
                  <thead><tr><th className="num">Partition</th><th className="num">Log start</th><th className="num">High watermark</th><th>Delete records before</th></tr></thead>
                  <tbody>
                    {detail.partitions.map((p) => {
                      const key = String(p.partition);
                      const error = failed.fields[`offsets.${key}`];
                      return (
                        <tr key={key}>
                          <td className="num">{p.partition}</td>
                          <td className="num">{exactCount(p.logStartOffset)}</td>
                          <td className="num">{exactCount(p.highWatermark)}</td>
                          <td className={`field${error ? ' invalid' : ''}`}>
                            <input type="number" min={0} aria-label={`Delete records of partition ${key} before offset`} value={offsets[key] ?? ''} data-testid={`purge-offset-${key}`}
                              onChange={(e) => setOffsets({ ...offsets, [key]: e.target.value })} />
                            {error ? <div className="field-error" data-testid={`error-offset-${key}`}>{error}</div> : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        )}
        {failed.failure ? <ErrorBox error={failed.failure} testId="purge-error" /> : null}
        <div className="form-actions">
          {preview ? (
            <>
              <button type="button" className="danger" disabled={busy !== null || preview.deleted === 0} onClick={() => void apply()} data-testid="purge-confirm">
                {busy === 'deleting' ? 'Deleting…' : `Delete ${exactCount(preview.deleted)} record${preview.deleted === 1 ? '' : 's'}`}
              </button>
              <button type="button" onClick={() => setPreview(null)} disabled={busy !== null}>Back</button>
            </>
          ) : (
            <button type="submit" className="primary" disabled={busy !== null} data-testid="purge-preview-submit">{busy === 'previewing' ? 'Reading…' : 'Preview'}</button>
          )}
          <button type="button" data-cancel onClick={onClose}>Cancel</button>
        </div>
      </form>
    </ModalDialog>
  );
}
