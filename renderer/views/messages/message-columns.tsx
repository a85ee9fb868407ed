// The Messages table's columns: where a record is, when, and its key and value decoded as the
// toolbar chooses, in one line each.
import { createColumnHelper } from '@tanstack/react-table';
import type { DecoderName, TopicRecord } from '../../../shared/model';
import { Bytes } from '../../components/Figure';
import { absoluteTime } from '../../format';
import { lineOf, recordSize } from './record-text';

const col = createColumnHelper<TopicRecord>();

export function messageColumns(keyDecoder: DecoderName, valueDecoder: DecoderName) {
  return [
    col.accessor('partition', { header: 'Partition', size: 90, meta: { numeric: true } }),
    col.accessor('offset', { header: 'Offset', size: 100, meta: { numeric: true }, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor('timestamp', {
      header: 'Timestamp',
      size: 190,
      meta: { copy: (r) => String(r.timestamp) },
      cell: (c) => <span className="num" title={`${c.getValue()} (${c.row.original.timestampType})`}>{absoluteTime(c.getValue())}</span>,
    }),
    col.accessor((r) => lineOf(r.key, keyDecoder), {
      id: 'key',
      header: 'Key',
      size: 160,
      meta: { filterable: true },
      cell: (c) => <span className={`mono ellipsis${c.row.original.key ? '' : ' muted'}`}>{c.getValue()}</span>,
    }),
    col.accessor((r) => lineOf(r.value, valueDecoder), {
      id: 'value',
      header: 'Value',
      size: 420,
      meta: { filterable: true },
      cell: (c) => <span className={`mono ellipsis${c.row.original.value ? '' : ' muted'}`}>{c.getValue()}</span>,
    }),
    col.accessor((r) => r.headers.length, { id: 'headers', header: 'Headers', size: 80, meta: { numeric: true } }),
    col.accessor(recordSize, { id: 'size', header: 'Size', size: 90, meta: { numeric: true }, cell: (c) => <Bytes value={c.getValue()} /> }),
  ];
}
