// The Messages table's columns: where a record is, when, and its key and value decoded as the
// toolbar chooses, in one line each.
import { createColumnHelper } from '@tanstack/react-table';
import type { DecoderName, TopicRecord } from '../../../shared/model';
import { Bytes } from '../../components/Figure';
import { absoluteTime } from '../../format';
import { lineOf, recordSize } from './record-text';

const col = createColumnHelper<TopicRecord>();

/** A key or value in one line, decoded; the table's filter text matches it. */
const bytesColumn = (field: 'key' | 'value', header: string, size: number, decoder: DecoderName) =>
  col.accessor((r) => lineOf(r[field], decoder), {
    id: field,
    header,
    size,
    meta: { filterable: true },
    cell: (c) => <span className={`mono ellipsis${c.row.original[field] ? '' : ' muted'}`}>{c.getValue()}</span>,
  });

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
    bytesColumn('key', 'Key', 160, keyDecoder),
    bytesColumn('value', 'Value', 420, valueDecoder),
    col.accessor((r) => r.headers.length, { id: 'headers', header: 'Headers', size: 80, meta: { numeric: true } }),
    col.accessor(recordSize, { id: 'size', header: 'Size', size: 90, meta: { numeric: true }, cell: (c) => <Bytes value={c.getValue()} /> }),
  ];
}
