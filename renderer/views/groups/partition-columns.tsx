// The group drawer's partitions: where the group committed, how far behind it is, who reads it.
import { createColumnHelper } from '@tanstack/react-table';
import type { GroupPartitionDetail } from '../../../shared/model';
import { Count } from '../../components/Figure';
import { exactCount, humanElapsed } from '../../format';

const col = createColumnHelper<GroupPartitionDetail>();
const none = (title: string) => <span className="muted" title={title}>—</span>;

export const partitionId = (p: GroupPartitionDetail) => `${p.topic}:${p.partition}`;

export const partitionColumns = [
  col.accessor('topic', { header: 'Topic', size: 130, meta: { filterable: true }, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  col.accessor('partition', { header: 'Partition', size: 92, meta: { numeric: true } }),
  col.accessor((p) => p.committedOffset ?? -1, {
    id: 'committed',
    header: 'Committed',
    size: 106,
    meta: { numeric: true, copy: (p) => String(p.committedOffset ?? '') },
    cell: (c) => (c.row.original.committedOffset === null ? none('Nothing committed') : <span className="num">{exactCount(c.row.original.committedOffset)}</span>),
  }),
  col.accessor('logEndOffset', {
    header: 'Log end',
    size: 90,
    meta: { numeric: true },
    cell: (c) => (c.getValue() < 0 ? none('The leader could not say') : <span className="num" title={`log start ${exactCount(c.row.original.logStartOffset)}`}>{exactCount(c.getValue())}</span>),
  }),
  col.accessor((p) => p.lag ?? -1, { id: 'lag', header: 'Lag', size: 70, meta: { numeric: true, copy: (p) => String(p.lag ?? '') }, cell: (c) => (c.row.original.lag === null ? none('Unknown') : <Count value={c.row.original.lag} />) }),
  col.accessor((p) => p.timeLagMs ?? -1, {
    id: 'timeLag',
    header: 'Time lag',
    size: 84,
    meta: { numeric: true, copy: (p) => String(p.timeLagMs ?? '') },
    cell: (c) => (c.row.original.timeLagMs === null ? none('Nothing unread, or its timestamp could not be read') : <span className="num" title={`${exactCount(c.row.original.timeLagMs)} ms`}>{humanElapsed(c.row.original.timeLagMs)}</span>),
  }),
  col.accessor((p) => p.member?.clientId ?? '', {
    id: 'owner',
    header: 'Owner',
    size: 160,
    cell: (c) => {
      const m = c.row.original.member;
      return m ? <span className="mono ellipsis" title={`${m.memberId} on ${m.host}`}>{m.clientId} <span className="muted">{m.host}</span></span> : none('No member is assigned it');
    },
  }),
  col.accessor((p) => p.metadata ?? '', { id: 'metadata', header: 'Metadata', size: 110, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
];
