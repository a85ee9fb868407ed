// Import a JSON-lines export into this topic (messages:import): each record to the partition it
// came from, byte for byte. In a browser the chosen file is uploaded to Brook's exports folder
// first (PUT /exports/NAME); the desktop shell names a file already in that folder.
import { useState, type FormEvent } from 'react';
import { stream } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { exactCount, humanBytes } from '../../format';
import { useApp } from '../../stores/app';
import { uploadExport, uploadName } from './export-files';
import { useStreamDialog } from './use-stream-dialog';

export function ImportDialog({ clusterId, topic, lastExport, onClose, onImported }: { clusterId: string; topic: string; lastExport: string | null; onClose(): void; onImported(): void }) {
  const info = useApp((s) => s.info);
  const browser = info?.mode !== 'desktop';
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState(lastExport ?? '');
  const [step, setStep] = useState<'uploading' | 'importing' | null>(null);
  const [progress, setProgress] = useState<{ records: number; bytes: number; totalBytes: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { run, cancel, failure, setFailure } = useStreamDialog();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (browser && !file) return setFailure({ code: 'INVALID_INPUT', message: 'Choose a JSON-lines export to import' });
    if (!browser && !name.trim()) return setFailure({ code: 'INVALID_INPUT', message: "Name a file in Brook's exports folder" });
    void run(async (track) => {
      try {
        let target = name.trim();
        if (file && browser) {
          target = uploadName(file.name);
          setStep('uploading');
          await uploadExport(file, target);
        }
        setStep('importing');
        const summary = await track(stream('messages:import', { clusterId, topic, file: target }, { chunk: () => undefined, progress: setProgress }));
        setDone(`Imported ${exactCount(summary.produced)} records in ${(summary.ms / 1000).toFixed(1)} s: ${summary.partitions.map((p) => `partition ${p.partition} offsets ${p.first}–${p.last}`).join(', ') || 'none'}`);
        onImported();
      } finally {
        setStep(null);
        setProgress(null);
      }
    });
  };
  return (
    <ModalDialog label="Import records" onClose={() => (step ? cancel() : onClose())}>
      <form onSubmit={submit} data-testid="import-dialog" noValidate>
        <h2>Import into <span className="mono">{topic}</span></h2>
        <p className="muted">A JSON-lines export from Brook: every record is produced again, byte for byte, to the partition it came from.</p>
        {browser ? (
          <div className="field">
            <label htmlFor="import-file">File</label>
            <input id="import-file" type="file" accept=".jsonl,application/x-ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
            <div className="field-help">It is uploaded to Brook's exports folder on the server, then imported.</div>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="import-name">File in Brook's exports folder</label>
            <input id="import-name" className="mono" value={name} onChange={(e) => setName(e.target.value)} placeholder="orders-2026-12-07T10-00-00-000Z.jsonl" data-testid="import-name" />
            <div className="field-help">The folder is {info ? <span className="mono">{info.userDataDir}/exports</span> : "in Brook's data folder"}; the desktop app has no open dialog yet.</div>
          </div>
        )}
        {step === 'uploading' ? <div className="muted small" role="status">Uploading {file ? humanBytes(file.size) : ''}…</div> : null}
        {progress ? <div className="muted small" role="status" data-testid="import-progress">{exactCount(progress.records)} records, {humanBytes(progress.bytes)} of {humanBytes(progress.totalBytes)}…</div> : null}
        {failure ? <ErrorBox error={failure} /> : null}
        {done ? <div className="ok-box" role="status" data-testid="import-done">{done}</div> : null}
        <div className="dialog-actions">
          {step ? <button type="button" onClick={() => cancel()} disabled={step === 'uploading'}>Cancel</button> : <button type="button" onClick={onClose}>Close</button>}
          <button type="submit" className="primary" disabled={step !== null} data-testid="import-submit">{step === 'uploading' ? 'Uploading…' : step === 'importing' ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </ModalDialog>
  );
}
