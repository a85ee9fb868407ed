// Every config of a topic (DescribeConfigs with synonyms): overrides first, or alone with the
// toggle; a filter by key. A row opens its editor above the table: a new value or a reset, which
// the cluster checks first; the table then shows the value and source the cluster answers.
import { useEffect, useMemo, useState } from 'react';
import type { TopicConfig, TopicConfigs } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { DataTable } from '../../components/table/DataTable';
import { useTopics } from '../../stores/topics';
import { ConfigEditor } from './ConfigEditor';
import { configColumns, isOverride, shownValue } from './config-columns';
import type { TopicTabProps } from './topic-tabs';

export function ConfigsTab({ clusterId, topic }: TopicTabProps) {
  const entry = useTopics((s) => s.byCluster[clusterId]?.configs[topic]);
  const load = useTopics((s) => s.loadConfigs);
  const put = useTopics((s) => s.putConfigs);
  const [filter, setFilter] = useState('');
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [changed, setChanged] = useState<TopicConfig | null>(null);
  useEffect(() => void load(clusterId, topic), [clusterId, topic, load]);

  const configs = entry && entry.state !== 'idle' ? entry.data?.configs : undefined;
  const overrides = configs?.filter(isOverride).length ?? 0;
  const rows = useMemo(
    () => (configs ?? []).filter((c) => !onlyOverrides || isOverride(c)).sort((a, b) => Number(isOverride(b)) - Number(isOverride(a)) || a.name.localeCompare(b.name)),
    [configs, onlyOverrides],
  );
  const edited = configs?.find((c) => c.name === editing);
  const saved = (next: TopicConfigs, name: string) => {
    put(clusterId, next);
    setChanged(next.configs.find((c) => c.name === name) ?? null);
    setEditing(null);
  };

  return (
    <div data-testid="configs-tab">
      <div className="tab-tools">
        <input type="search" placeholder="Filter by key" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter configs by key" data-testid="config-filter" />
        <label className="check">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} data-testid="only-overrides" />
          <span>Overrides only ({overrides})</span>
        </label>
        <span className="grow" />
        <button type="button" className="small-button" onClick={() => void load(clusterId, topic)} disabled={entry?.state === 'loading'}>Reload</button>
      </div>
      {changed ? (
        <div className="ok-box" role="status" data-testid="config-changed">
          <span className="mono">{changed.name}</span> is now <span className="mono">{shownValue(changed).text}</span> ({changed.source})
        </div>
      ) : null}
      {entry?.state === 'error' ? <ErrorBox error={entry.error} testId="configs-error" actions={<button type="button" onClick={() => void load(clusterId, topic)}>Try again</button>} /> : null}
      {edited ? <ConfigEditor key={edited.name} clusterId={clusterId} topic={topic} config={edited} onClose={() => setEditing(null)} onSaved={(next) => saved(next, edited.name)} /> : null}
      {configs ? (
        <DataTable id="topic-configs" data={rows} columns={configColumns} rowId={(c) => c.name} filter={filter} openId={editing ?? undefined}
          onOpen={(c) => { setChanged(null); setEditing(c.name); }}
          empty={filter ? `No config matches "${filter}"` : onlyOverrides ? 'This topic overrides no config: every value comes from the cluster' : 'The cluster told no configs'} testId="configs-table" />
      ) : entry?.state !== 'error' ? <div className="muted">Reading configs…</div> : null}
    </div>
  );
}
