// A group opened from the list: its state and lag on top, its lag over time (history, then live),
// its members and partitions; resets and deletions at the foot. A group deleted while open, or
// one Kafka does not know, says so here rather than showing stale figures as if they were live.
import { useEffect, useMemo, useState } from 'react';
import type { GroupDetail } from '../../../shared/model';
import { Drawer } from '../../components/Drawer';
import { ErrorBox } from '../../components/ErrorBox';
import { Count } from '../../components/Figure';
import { LagChart } from '../../components/LagChart';
import { DataTable } from '../../components/table/DataTable';
import { exactCount, humanElapsed } from '../../format';
import { HISTORY_MS, useGroupDetail } from '../../stores/group-detail';
import { dataOf } from '../../stores/loadable';
import { stateClass } from './group-columns';
import { DeleteGroupDialog, DeleteOffsetsDialog } from './GroupDeleteDialogs';
import { GroupMembers } from './GroupMembers';
import { partitionColumns, partitionId } from './partition-columns';
import { ResetDialog } from './ResetDialog';

type Dialog = 'reset' | 'delete-offsets' | 'delete' | null;

export function GroupDrawer({ clusterId, groupId, onClose, onDeleted }: { clusterId: string; groupId: string; onClose(): void; onDeleted(): void }) {
  const open = useGroupDetail((s) => (s.open?.groupId === groupId && s.open.clusterId === clusterId ? s.open : null));
  const show = useGroupDetail((s) => s.show);
  const close = useGroupDetail((s) => s.close);
  const describe = useGroupDetail((s) => s.describe);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    show(clusterId, groupId);
    setNotice(null);
    return close;
  }, [clusterId, groupId, show, close]);

  const detail = open ? dataOf(open.detail) : undefined;
  const past = open ? dataOf(open.history) : undefined;
  const live = open?.live;
  // The history's last bucket and the first live points may overlap: live points win from their first on.
  const points = useMemo(() => {
    const first = live?.[0]?.at ?? Infinity;
    return [...(past ?? []).filter((p) => p.at < first), ...(live ?? [])];
  }, [past, live]);
  const lag = open?.lag;
  const subtitle = detail ? `${detail.state}, ${detail.members.length} member${detail.members.length === 1 ? '' : 's'}, ${detail.partitions.length} partition${detail.partitions.length === 1 ? '' : 's'}` : open?.detail.state === 'error' ? 'Could not be read' : 'Loading…';

  return (
    <Drawer title={<span className="mono">{groupId}</span>} subtitle={subtitle} onClose={onClose} testId="group-drawer">
      {open?.gone ? (
        <div className="error-box" role="alert" data-testid="group-gone">
          <div className="error-title">This group no longer exists</div>
          <div className="error-hint">It was deleted (or expired) while open: what is shown is what it was when last read.</div>
        </div>
      ) : null}
      {open?.detail.state === 'error' ? <ErrorBox error={open.detail.error} testId="group-error" actions={<button type="button" onClick={() => void describe()}>Try again</button>} /> : null}
      {notice ? <div className="ok-box" role="status" data-testid="group-notice">{notice}</div> : null}
      {detail ? <GroupFacts detail={detail} liveLag={lag?.lag} stalled={lag?.stalled ?? false} /> : null}
      <section className="drawer-section" data-testid="lag-section" data-history={past?.length ?? ''}>
        <h3>Lag over the last hour</h3>
        {open?.history.state === 'error' ? <ErrorBox error={open.history.error} testId="history-error" /> : null}
        <LagChart points={points} from={open?.since ?? Date.now() - HISTORY_MS} />
        {!points.length ? <div className="muted small">No lag recorded yet: Brook records it while it watches the group (every 5 s while this is open).</div> : null}
      </section>
      {detail ? (
        <>
          <section className="drawer-section">
            <h3>Members</h3>
            <GroupMembers members={detail.members} />
          </section>
          <section className="drawer-section">
            <h3>Partitions</h3>
            <DataTable id="group-partitions" data={detail.partitions} columns={partitionColumns} rowId={partitionId} empty="It committed on no partition" testId="group-partitions" />
            {detail.missing.length ? <div className="warn-box" role="status">Not read: {detail.missing.join('; ')}</div> : null}
          </section>
          <div className="danger-zone drawer-tools">
            <button type="button" onClick={() => void describe()} disabled={open?.detail.state === 'loading'} data-testid="group-refresh">Refresh</button>
            <span className="grow" />
            <button type="button" className="primary" onClick={() => setDialog('reset')} disabled={!detail.partitions.length} data-testid="reset-offsets">Reset offsets…</button>
            <button type="button" className="danger-text" onClick={() => setDialog('delete-offsets')} disabled={!detail.partitions.length} data-testid="delete-offsets">Delete offsets of a topic…</button>
            <button type="button" className="danger-text" onClick={() => setDialog('delete')} data-testid="delete-group">Delete group…</button>
          </div>
          {dialog === 'reset' ? <ResetDialog clusterId={clusterId} detail={detail} onClose={() => setDialog(null)} onApplied={(plan) => {
            setDialog(null);
            setNotice(`Reset ${plan.rows.length} partition${plan.rows.length === 1 ? '' : 's'}: lag now ${exactCount(plan.rows.reduce((n, r) => n + r.lagAfter, 0))}.`);
            void describe();
          }} /> : null}
          {dialog === 'delete-offsets' ? <DeleteOffsetsDialog clusterId={clusterId} groupId={groupId} topics={[...new Set(detail.partitions.map((p) => p.topic))].sort()} onClose={() => setDialog(null)} onDeleted={(topic, partitions) => {
            setDialog(null);
            setNotice(`Deleted the offsets of ${topic} (partition${partitions.length === 1 ? '' : 's'} ${partitions.join(', ')}).`);
            void describe();
          }} /> : null}
          {dialog === 'delete' ? <DeleteGroupDialog clusterId={clusterId} groupId={groupId} members={detail.members.length} onClose={() => setDialog(null)} onDeleted={() => {
            setDialog(null);
            onDeleted();
          }} /> : null}
        </>
      ) : null}
    </Drawer>
  );
}

function GroupFacts({ detail, liveLag, stalled }: { detail: GroupDetail; liveLag: number | undefined; stalled: boolean }) {
  return (
    <dl className="group-facts" data-testid="group-facts">
      <div><dt>State</dt><dd className={`group-state ${stateClass(detail.state)}`}>{detail.state}{stalled ? <span className="stalled">stalled</span> : null}</dd></div>
      <div><dt>Lag</dt><dd data-testid="group-lag"><Count value={liveLag ?? detail.lag} /></dd></div>
      <div><dt>Time lag</dt><dd>{detail.timeLagMs === null ? <span className="muted">—</span> : humanElapsed(detail.timeLagMs)}</dd></div>
      <div><dt>Assignor</dt><dd className="mono">{detail.protocol || <span className="muted">none</span>}</dd></div>
      <div><dt>Protocol type</dt><dd className="mono">{detail.protocolType || <span className="muted">none</span>}</dd></div>
      <div><dt>Coordinator</dt><dd>broker {detail.coordinator}</dd></div>
    </dl>
  );
}
