// One record in the drawer: where and when it was written, its key, value and headers in the
// view chosen, sizes and compression. A value the stream cut to a preview says so, and "Show all"
// reads the record in full (messages:record). Copy it as JSON or as a kcat command, or produce it
// again through the produce dialog.
import { useEffect, useState } from 'react';
import type { DecoderName, TopicRecord } from '../../../shared/model';
import { invoke, toErrorShape } from '../../api';
import { Drawer } from '../../components/Drawer';
import { ErrorBox, type ShownError } from '../../components/ErrorBox';
import { absoluteTime, exactBytes, humanBytes } from '../../format';
import { BytesView } from './BytesView';
import { kcatCommand, recordJson } from './record-copy';
import { headerText, isPreview, recordSize } from './record-text';

export function RecordDrawer({ clusterId, bootstrap, topic, record, keyDecoder, valueDecoder, onProduceAgain, onClose }: {
  clusterId: string;
  bootstrap: string;
  topic: string;
  record: TopicRecord;
  keyDecoder: DecoderName;
  valueDecoder: DecoderName;
  onProduceAgain(record: TopicRecord): void;
  onClose(): void;
}) {
  const [full, setFull] = useState<TopicRecord | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    setFull(null);
    setFailure(null);
  }, [record]);
  const r = full ?? record;
  const cut = isPreview(r.key) || isPreview(r.value) || r.headers.some((h) => isPreview(h.key) || isPreview(h.value));
  const showAll = async () => {
    setLoading(true);
    try {
      setFull(await invoke('messages:record', { id: clusterId, topic, partition: r.partition, offset: r.offset }));
    } catch (error) {
      setFailure(toErrorShape(error));
    } finally {
      setLoading(false);
    }
  };
  const copy = (what: string, text: string) => {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(what);
    setTimeout(() => setCopied(null), 1500);
  };
  // Those whose value is long take a line of their own.
  const facts: Array<[string, string, string?]> = [
    ['Partition', String(r.partition)],
    ['Offset', String(r.offset)],
    ['Timestamp', `${absoluteTime(r.timestamp)} (${r.timestampType})`, String(r.timestamp)],
    ['Leader epoch', r.leaderEpoch < 0 ? 'not given' : String(r.leaderEpoch)],
    ['Size', humanBytes(recordSize(r)), exactBytes(recordSize(r))],
    ['Key / value', `${r.key ? exactBytes(r.key.size) : 'null'} / ${r.value ? exactBytes(r.value.size) : 'null'}`],
    ['Batch', `${r.batchRecords} records, ${humanBytes(r.batchBytes)} stored, ${r.compression}`],
    ['Producer', `${r.producerId < 0 ? 'none' : `id ${r.producerId}`}${r.transactional ? ', transactional' : ''}`],
  ];
  return (
    <Drawer title={`Partition ${r.partition}, offset ${r.offset}`} subtitle={absoluteTime(r.timestamp)} onClose={onClose} testId="record-drawer">
      <div className="record-actions">
        <button type="button" onClick={() => copy('JSON', recordJson(topic, r, keyDecoder, valueDecoder))} data-testid="copy-json">Copy as JSON</button>
        <button type="button" onClick={() => copy('kcat command', kcatCommand(bootstrap, topic, r))} data-testid="copy-kcat">Copy as kcat command</button>
        <button type="button" onClick={() => onProduceAgain(r)} data-testid="produce-again">Produce again…</button>
        {copied ? <span className="muted small" role="status">Copied the {copied}</span> : null}
      </div>
      {cut ? (
        <div className="notice" data-testid="preview-note">
          This is a preview: the read carries the first 64 KiB of each key, value and header.{' '}
          <button type="button" className="link" onClick={() => void showAll()} disabled={loading} data-testid="show-all">{loading ? 'Reading…' : 'Show all'}</button>
        </div>
      ) : null}
      {failure ? <ErrorBox error={failure} /> : null}
      <dl className="facts">
        {facts.map(([label, value, title]) => (
          <div key={label} className={value.length > 14 ? 'wide' : undefined}><dt>{label}</dt><dd className="mono" title={title}>{value}</dd></div>
        ))}
      </dl>
      <h3>Key</h3>
      <BytesView bytes={r.key} decoder={keyDecoder} testId="record-key" />
      <h3>Value</h3>
      <BytesView bytes={r.value} decoder={valueDecoder} testId="record-value" />
      <h3>Headers ({r.headers.length})</h3>
      {r.headers.length ? (
        <table className="table" data-testid="record-headers">
          <tbody>{r.headers.map((h, i) => <tr key={i}><td className="mono">{headerText(h.key)}</td><td className="mono">{headerText(h.value)}</td></tr>)}</tbody>
        </table>
      ) : <div className="muted">No headers.</div>}
    </Drawer>
  );
}
