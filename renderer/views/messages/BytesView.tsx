// A key's or value's bytes in the view the user picks: decoded (a JSON tree for JSON), UTF-8,
// hex or base64. A decoder that cannot read these bytes says why beside the hex it falls back to.
import { useState } from 'react';
import { decodeBytes } from '../../../shared/decoders';
import type { DecoderName, RecordBytes } from '../../../shared/model';
import { JsonView } from '../../components/JsonView';
import { bytesOf } from './record-text';

const views = ['decoded', 'utf-8', 'hex', 'base64'] as const;
type View = (typeof views)[number];

export function BytesView({ bytes, decoder, testId }: { bytes: RecordBytes | null; decoder: DecoderName; testId: string }) {
  const [view, setView] = useState<View>('decoded');
  if (bytes === null) return <div className="muted mono" data-testid={testId}>null</div>;
  const raw = bytesOf(bytes);
  const decoded = decodeBytes(raw, view === 'decoded' ? decoder : view === 'utf-8' ? 'string' : view);
  return (
    <div className="bytes-view" data-testid={testId}>
      <div className="segmented" role="radiogroup" aria-label="View as">
        {views.map((v) => (
          <button key={v} type="button" role="radio" aria-checked={v === view} className={v === view ? 'on' : ''} onClick={() => setView(v)}>
            {v === 'decoded' ? `${decoded.as === 'json' && view === 'decoded' ? 'JSON' : 'Decoded'}` : v.toUpperCase()}
          </button>
        ))}
        {view === 'decoded' ? <span className="muted small">as {decoded.as}</span> : null}
      </div>
      {decoded.error ? <div className="field-error">{decoded.error}</div> : null}
      {view === 'decoded' && decoded.json !== undefined && !decoded.error && typeof decoded.json === 'object' && decoded.json !== null
        ? <JsonView value={decoded.json} testId={`${testId}-json`} />
        : <pre className="bytes-text" data-testid={`${testId}-text`}>{decoded.text}</pre>}
    </div>
  );
}
