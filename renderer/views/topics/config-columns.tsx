// The Configs tab's columns: Kafka's key, the value in force (sensitive ones masked), its source in
// Kafka's words, and for an override what it hides (the value a reset gives back).
import { createColumnHelper } from '@tanstack/react-table';
import type { ConfigSourceName, TopicConfig } from '../../../shared/model';

/** What each of Kafka's config sources means, for the hover title. */
export const sourceMeaning: Record<ConfigSourceName, string> = {
  UNKNOWN: 'The cluster did not say where this value comes from',
  DYNAMIC_TOPIC_CONFIG: 'An override set on this topic',
  DYNAMIC_BROKER_CONFIG: 'Set on this broker while it runs',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'A cluster-wide default set while the cluster runs',
  STATIC_BROKER_CONFIG: "From the broker's server.properties",
  DEFAULT_CONFIG: "Kafka's default",
  DYNAMIC_BROKER_LOGGER_CONFIG: 'A broker logger level',
  CLIENT_METRICS_CONFIG: 'A client metrics subscription',
  GROUP_CONFIG: 'A consumer group config',
};

export const isOverride = (c: TopicConfig) => c.source === 'DYNAMIC_TOPIC_CONFIG';

/** A value as the table shows it: a sensitive one never in clear, a missing one as a dash. */
export function shownValue(c: Pick<TopicConfig, 'value' | 'sensitive'>): { text: string; muted: boolean; title: string } {
  if (c.sensitive) return { text: '••••••', muted: true, title: 'Sensitive: the cluster does not tell it' };
  if (c.value === null) return { text: '—', muted: true, title: 'No value' };
  return { text: c.value === '' ? '""' : c.value, muted: c.value === '', title: c.value };
}

const col = createColumnHelper<TopicConfig>();
export const configColumns = [
  col.accessor('name', {
    header: 'Key',
    size: 180,
    meta: { filterable: true },
    cell: (c) => <span className={`mono ellipsis${isOverride(c.row.original) ? ' strong' : ''}`} title={c.getValue()}>{c.getValue()}</span>,
  }),
  col.accessor((c) => c.value ?? '', {
    id: 'value',
    header: 'Value',
    size: 110,
    meta: { copy: (c) => (c.sensitive ? '' : (c.value ?? '')) },
    cell: (c) => {
      const v = shownValue(c.row.original);
      return <span className={`mono ellipsis${v.muted ? ' muted' : ''}`} title={v.title}>{v.text}</span>;
    },
  }),
  col.accessor('source', {
    header: 'Source',
    size: 210,
    cell: (c) => (
      <span className={`mono config-source${isOverride(c.row.original) ? ' source-override' : ' muted'}`} title={sourceMeaning[c.getValue()]}>
        {c.getValue()}
        {c.row.original.readOnly ? <span className="tag">read-only</span> : null}
      </span>
    ),
  }),
  col.accessor((c) => c.inherited?.value ?? '', {
    id: 'default',
    header: 'Overrides',
    size: 110,
    cell: (c) => {
      const config = c.row.original;
      if (!isOverride(config)) return null;
      if (!config.inherited) return <span className="muted" title="Kafka names no broker setting it inherits">Kafka's default</span>;
      const v = shownValue({ value: config.inherited.value, sensitive: config.sensitive });
      return <span className="mono ellipsis" title={`${config.inherited.name}=${v.text} (${config.inherited.source})`}>{v.text}</span>;
    },
  }),
];
