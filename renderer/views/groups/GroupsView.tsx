// Consumer groups: every group of the cluster in one virtualized table. Names and states come at
// once (ListGroups), members, assignor, topics and lag fill in as the figures stream arrives, then
// the lag watch keeps lag and the sparklines live. Empty and Dead groups wait behind a toggle; a
// row opens the group in the drawer, whose address is #/cluster/ID/groups/GROUP.
import { useEffect, useMemo, useState } from 'react';
import type { ClusterSummary } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { DataTable } from '../../components/table/DataTable';
import { groupScreen, groupsScreen } from '../../routes';
import { useApp } from '../../stores/app';
import { useGroupList } from '../../stores/group-list';
import { ClusterGate } from '../overview/ClusterGate';
import { groupColumns } from './group-columns';
import { GroupDrawer } from './GroupDrawer';

/** States a group with nothing to do is in: hidden unless asked for. */
const idle = new Set(['Empty', 'Dead']);

export function GroupsView({ cluster }: { cluster: ClusterSummary }) {
  return <ClusterGate cluster={cluster}>{() => <GroupsTable cluster={cluster} />}</ClusterGate>;
}

function GroupsTable({ cluster }: { cluster: ClusterSummary }) {
  const entry = useGroupList((s) => s.byCluster[cluster.id]);
  const refresh = useGroupList((s) => s.refresh);
  const stop = useGroupList((s) => s.stop);
  const screen = useApp((s) => s.screen);
  const go = useApp((s) => s.go);
  const open = screen.kind === 'cluster' ? screen.group : undefined;
  const state = screen.kind === 'cluster' ? screen.groupState : undefined;
  const [filter, setFilter] = useState('');
  const [showEmpty, setShowEmpty] = useState(false);
  const [stalledOnly, setStalledOnly] = useState(false);

  useEffect(() => {
    void refresh(cluster.id);
    return () => stop(cluster.id);
  }, [cluster.id, cluster.updatedAt, refresh, stop]);

  const all = entry?.rows;
  const rows = useMemo(
    () => (all ?? []).filter((g) => (state ? g.state === state : showEmpty || !idle.has(g.state)) && (!stalledOnly || g.live?.stalled)),
    [all, state, showEmpty, stalledOnly],
  );
  const states = useMemo(() => [...new Set((all ?? []).map((g) => g.state))].sort(), [all]);
  const hidden = useMemo(() => (all ?? []).filter((g) => idle.has(g.state)).length, [all]);
  const stalled = useMemo(() => (all ?? []).filter((g) => g.live?.stalled).length, [all]);
  const list = entry?.list;
  const missing = list && list.state !== 'idle' ? list.data?.missing ?? [] : [];
  const listed = list?.state === 'ok' || Boolean(all?.length);

  return (
    <div className={`with-drawer${open !== undefined ? ' drawer-open drawer-wide' : ''}`}>
      <div className="groups" data-testid="groups-view">
        <div className="toolbar">
          <input type="search" placeholder="Filter by group or topic" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter groups by name or topic" data-testid="group-filter" />
          <select aria-label="Group state" value={state ?? ''} onChange={(e) => go(groupsScreen(cluster.id, e.target.value || undefined))} data-testid="group-state-filter">
            <option value="">Any state</option>
            {[...new Set([...states, ...(state ? [state] : [])])].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
          <label className="check">
            <input type="checkbox" checked={showEmpty || idle.has(state ?? '')} disabled={state !== undefined} onChange={(e) => setShowEmpty(e.target.checked)} data-testid="show-empty" />
            <span>Show empty{hidden ? ` (${hidden.toLocaleString()})` : ''}</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={stalledOnly} onChange={(e) => setStalledOnly(e.target.checked)} data-testid="stalled-only" />
            <span>Only stalled{stalled ? ` (${stalled.toLocaleString()})` : ''}</span>
          </label>
          <span className="grow" />
          {entry?.progress ? (
            <span className="muted small" role="status" data-testid="group-figures-progress">
              Reading figures… {entry.progress.done.toLocaleString()} / {entry.progress.total.toLocaleString()}
            </span>
          ) : null}
          <button type="button" onClick={() => void refresh(cluster.id)} disabled={list?.state === 'loading'} data-testid="groups-refresh">Refresh</button>
        </div>
        {list?.state === 'error' ? <ErrorBox error={list.error} testId="groups-error" actions={<button type="button" onClick={() => void refresh(cluster.id)}>Try again</button>} /> : null}
        {missing.length ? <div className="warn-box" role="status">The list may be short: {missing.join('; ')}</div> : null}
        {entry?.watchError ? <ErrorBox error={entry.watchError} testId="groups-watch-error" /> : null}
        {listed ? (
          <DataTable id="groups" data={rows} columns={groupColumns} rowId={(g) => g.groupId} filter={filter} openId={open}
            onOpen={(g) => go(groupScreen(cluster.id, g.groupId, state))}
            empty={filter ? `No group matches "${filter}"` : state ? `No group is ${state}` : hidden ? `Every group is empty: tick "Show empty" to see them` : 'This cluster has no consumer groups yet'}
            testId="groups-table" />
        ) : list?.state !== 'error' ? (
          <div className="muted">Loading groups…</div>
        ) : null}
      </div>
      {open !== undefined ? <GroupDrawer clusterId={cluster.id} groupId={open} onClose={() => go(groupsScreen(cluster.id, state))} onDeleted={() => {
        go(groupsScreen(cluster.id, state));
        void refresh(cluster.id);
      }} /> : null}
    </div>
  );
}
