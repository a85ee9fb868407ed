// The Consumer groups table's columns: the listing at once, figures as they stream in, lag live.
import { createColumnHelper } from '@tanstack/react-table';
import { Count } from '../../components/Figure';
import { Sparkline } from '../../components/Sparkline';
import { exactCount } from '../../format';
import type { GroupRow } from '../../stores/group-list';

const col = createColumnHelper<GroupRow>();

/** The watch's figure when it has spoken, else the figures stream's. */
const lagOf = (g: GroupRow) => g.live?.lag ?? g.figures?.lag ?? null;
const maxLagOf = (g: GroupRow) => g.live?.maxLag ?? g.figures?.maxLag ?? null;
const missing = (g: GroupRow) => (g.figures?.error ? <span className="muted" title={g.figures.error}>—</span> : null);

export function stateClass(state: string): string {
  if (state === 'Stable') return 'ok';
  if (state === 'Dead') return 'error';
  if (state === 'Empty') return 'idle';
  return 'warn';
}

export const groupColumns = [
  col.accessor('groupId', {
    header: 'Group',
    size: 200,
    meta: { filterable: true },
    cell: (c) => (
      <span className="group-name">
        <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span>
        {c.row.original.live?.stalled ? <span className="stalled" title="Its lag grew while its commits stood still" data-testid="stalled">stalled</span> : null}
      </span>
    ),
  }),
  col.accessor('state', { header: 'State', size: 110, cell: (c) => <span className={`group-state ${stateClass(c.getValue())}`}>{c.getValue()}</span> }),
  col.accessor((g) => g.live?.members ?? g.figures?.members ?? -1, {
    id: 'members',
    header: 'Members',
    size: 96,
    meta: { numeric: true, copy: (g) => String(g.live?.members ?? g.figures?.members ?? '') },
    cell: (c) => missing(c.row.original) ?? <Count value={c.row.original.live?.members ?? c.row.original.figures?.members} />,
  }),
  col.accessor((g) => g.figures?.protocol ?? '', {
    id: 'assignor',
    header: 'Assignor',
    size: 120,
    cell: (c) => {
      const title = `protocol type: ${c.row.original.protocolType || '(none)'}`;
      return c.getValue() ? <span className="mono ellipsis" title={title}>{c.getValue()}</span> : <span className="muted" title={`${title}; no members agreed on an assignor`}>{c.row.original.figures ? '—' : ''}</span>;
    },
  }),
  col.accessor((g) => g.figures?.topics.join(', ') ?? '', {
    id: 'topics',
    header: 'Topics',
    size: 130,
    meta: { filterable: true },
    cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span>,
  }),
  col.accessor((g) => lagOf(g) ?? -1, {
    id: 'lag',
    header: 'Lag',
    size: 80,
    meta: { numeric: true, copy: (g) => String(lagOf(g) ?? '') },
    cell: (c) => missing(c.row.original) ?? <Count value={lagOf(c.row.original)} />,
  }),
  col.accessor((g) => maxLagOf(g) ?? -1, {
    id: 'maxLag',
    header: 'Max lag',
    size: 90,
    meta: { numeric: true, copy: (g) => String(maxLagOf(g) ?? '') },
    cell: (c) => missing(c.row.original) ?? <Count value={maxLagOf(c.row.original)} />,
  }),
  col.display({
    id: 'trend',
    header: 'Lag trend',
    size: 100,
    cell: (c) => {
      const spark = c.row.original.spark;
      return <Sparkline values={spark} title={spark.length ? `lag ${exactCount(spark[0]!)} → ${exactCount(spark[spark.length - 1]!)} over its last ${spark.length} change${spark.length === 1 ? '' : 's'}` : undefined} />;
    },
  }),
];
