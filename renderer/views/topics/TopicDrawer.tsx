// A topic opened from the list: its name and figures on top, then tabs (topic-tabs.tsx) for its
// partitions and configs, the current tab in the address; deleting the topic is at the foot.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Drawer } from '../../components/Drawer';
import { messagesScreen } from '../../routes';
import { useApp } from '../../stores/app';
import { useTopics } from '../../stores/topics';
import { DeleteTopicDialog } from './DeleteTopicDialog';
import { tabOf, topicTabs } from './topic-tabs';

export function TopicDrawer({ clusterId, topic, tab, onTab, onClose, onDeleted }: {
  clusterId: string;
  topic: string;
  tab: string | undefined;
  /** undefined: the first tab. */
  onTab(tab: string | undefined): void;
  onClose(): void;
  onDeleted(): void;
}) {
  const [deleting, setDeleting] = useState(false);
  const go = useApp((s) => s.go);
  const detail = useTopics((s) => s.byCluster[clusterId]?.details[topic]);
  const describe = useTopics((s) => s.describe);
  useEffect(() => void describe(clusterId, topic), [clusterId, topic, describe]);
  const data = detail && detail.state !== 'idle' ? detail.data : undefined;
  const total = data?.partitions.reduce((n, p) => n + (p.highWatermark >= 0 && p.logStartOffset >= 0 ? p.highWatermark - p.logStartOffset : 0), 0) ?? 0;
  const current = tabOf(tab);
  const select = (id: string) => onTab(id === topicTabs[0]!.id ? undefined : id);
  // Arrow keys move between tabs, as in any tab list.
  const keys = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = topicTabs[(topicTabs.indexOf(current) + step + topicTabs.length) % topicTabs.length]!;
    select(next.id);
    document.getElementById(`topic-tab-${next.id}`)?.focus();
  };
  return (
    <Drawer title={<span className="mono">{topic}</span>} subtitle={data ? `${data.partitions.length} partitions, ${total.toLocaleString()} records` : 'Loading…'} onClose={onClose} testId="topic-drawer">
      <div className="drawer-tools">
        <button type="button" className="primary" onClick={() => go(messagesScreen(clusterId, topic))} data-testid="open-messages">Messages</button>
      </div>
      <div className="tabs" role="tablist" aria-label="Topic" onKeyDown={keys}>
        {topicTabs.map((t) => (
          <button key={t.id} id={`topic-tab-${t.id}`} type="button" role="tab" aria-selected={t === current} tabIndex={t === current ? 0 : -1}
            aria-controls="topic-tab-panel" className="tab" onClick={() => select(t.id)} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div id="topic-tab-panel" role="tabpanel" aria-labelledby={`topic-tab-${current.id}`}>
        <current.Tab key={topic} clusterId={clusterId} topic={topic} />
      </div>
      <div className="danger-zone">
        <button type="button" className="danger-text" onClick={() => setDeleting(true)} data-testid="delete-topic">
          Delete topic…
        </button>
      </div>
      {deleting ? <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={() => setDeleting(false)} onDeleted={onDeleted} /> : null}
    </Drawer>
  );
}
