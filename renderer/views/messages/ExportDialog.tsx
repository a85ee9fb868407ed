// Export the current read (with its filter, when it is a search) in full to a file: JSON lines
// (exact; what import reads) or CSV. A tail is exported to the end as it is now. In a browser the
// file then downloads; on the desktop it stays in Brook's exports folder, whose path is shown.
import { useState } from 'react';
import type { ExportFormat } from '../../../shared/model';
import { stream } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { exactCount, humanBytes } from '../../format';
import { useApp } from '../../stores/app';
import type { ReadInput } from '../../stores/messages';
import { download, downloadUrl } from './export-files';
import { useStreamDialog } from './use-stream-dialog';

export function ExportDialog({ input, onClose, onExported }: { input: ReadInput; onClose(): void; onExported(file: string): void }) {
  const browser = useApp((s) => s.info?.mode !== 'desktop');
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [progress, setProgress] = useState<{ scanned: number; bytes: number } | null>(null);
  const [done, setDone] = useState<{ file: string; path: string; records: number; bytes: number } | null>(null);
  const { run: follow, cancel, failure } = useStreamDialog();
  const search = input.filter !== undefined;

  const run = () =>
    follow(async (track) => {
      setDone(null);
      setProgress({ scanned: 0, bytes: 0 });
      const stop = input.stop.at === 'never' ? { at: 'end' as const } : input.stop;
      try {
        const summary = await track(stream('messages:export', { ...input, stop, format }, { chunk: () => undefined, progress: (p) => setProgress({ scanned: p.scanned, bytes: p.bytes }) }));
        setDone(summary);
        onExported(summary.file);
        if (browser) download(summary.file);
      } finally {
        setProgress(null);
      }
    });
  return (
    <ModalDialog label="Export records" onClose={() => (progress ? cancel() : onClose())}>
      <div data-testid="export-dialog">
        <h2>Export {search ? 'the search' : 'the read'}</h2>
        <p className="muted">
          Every record {search ? 'the filter matches' : 'the read covers'}, in full, {input.stop.at === 'never' ? 'up to the end as it is now' : 'as the toolbar says'}.
        </p>
        <div className="choices" role="radiogroup" aria-label="Format">
          <label className="check"><input type="radio" name="format" checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} /> <span>JSON lines: exact bytes, what Import reads</span></label>
          <label className="check"><input type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> <span>CSV: for a spreadsheet</span></label>
        </div>
        {progress ? <div className="muted small" role="status" data-testid="export-progress">{exactCount(progress.scanned)} records read, {humanBytes(progress.bytes)} written…</div> : null}
        {failure ? <ErrorBox error={failure} /> : null}
        {done ? (
          <div className="ok-box" role="status" data-testid="export-done">
            {exactCount(done.records)} records, {humanBytes(done.bytes)}, in <span className="mono">{done.file}</span>.{' '}
            {browser ? <a href={downloadUrl(done.file)} download={done.file} data-testid="export-download">Download it</a> : <>It is in Brook's exports folder: <span className="mono">{done.path}</span> (the desktop app has no save dialog yet).</>}
          </div>
        ) : null}
        <div className="dialog-actions">
          {progress ? <button type="button" onClick={() => cancel()} data-testid="export-cancel">Cancel</button> : <button type="button" onClick={onClose}>Close</button>}
          <button type="button" className="primary" onClick={() => void run()} disabled={progress !== null} data-testid="export-submit">{progress ? 'Exporting…' : 'Export'}</button>
        </div>
      </div>
    </ModalDialog>
  );
}
