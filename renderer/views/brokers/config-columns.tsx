// The broker drawer's configs: Kafka's key, the value in force (secrets never shown), where it
// comes from in Kafka's words, Kafka's default, and whether it can be changed while the broker runs.
import { createColumnHelper } from '@tanstack/react-table';
import type { ConfigEntry } from '../../../shared/model';

const col = createColumnHelper<ConfigEntry>();
const synonyms = (c: ConfigEntry) => c.synonyms.map((s) => `${s.source}: ${s.name}=${s.value ?? (c.sensitive ? '(hidden)' : 'null')}`).join('\n');

export const configColumns = [
  col.accessor('name', { header: 'Config', size: 230, meta: { filterable: true }, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  col.accessor((c) => c.value ?? '', {
    id: 'value',
    header: 'Value',
    size: 160,
    meta: { filterable: true },
    cell: (c) => {
      const e = c.row.original;
      if (e.sensitive) return <span className="secret" title="Kafka never sends a secret's value">hidden (sensitive)</span>;
      if (e.value === null) return <span className="muted">null</span>;
      return <span className="mono ellipsis" title={`${e.value}\n\n${synonyms(e)}`}>{e.value}</span>;
    },
  }),
  col.accessor('source', {
    header: 'Source',
    size: 200,
    meta: { filterable: true },
    cell: (c) => <span className={`source mono${c.getValue() === 'DEFAULT_CONFIG' ? ' muted' : ' set'}`} title={synonyms(c.row.original) || 'No synonyms'}>{c.getValue()}</span>,
  }),
  col.accessor((c) => c.default ?? '', {
    id: 'default',
    header: 'Default',
    size: 100,
    cell: (c) => (c.row.original.default === null ? <span className="muted">—</span> : <span className="mono ellipsis muted" title={c.getValue()}>{c.getValue()}</span>),
  }),
  col.accessor((c) => (c.readOnly ? 'read-only' : 'dynamic'), {
    id: 'readOnly',
    header: 'Changeable',
    size: 96,
    cell: (c) => <span className={c.row.original.readOnly ? 'muted' : ''} title={c.row.original.readOnly ? 'Changed only in the broker\'s config, with a restart' : 'Can be changed while the broker runs (kafka-configs --alter)'}>{c.getValue()}</span>,
  }),
];
