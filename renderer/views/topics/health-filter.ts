// The Topics list narrowed by health, as an Overview figure opens it (#/cluster/ID/topics?health=...).
// Under min ISR needs each topic's min.insync.replicas, which the Overview read: its topic names
// are used here rather than reading every topic's configs again.
import type { TopicSummary } from '../../../shared/model';
import type { TopicHealth } from '../../routes';

export const healthLabels: Record<TopicHealth, string> = {
  unhealthy: 'under-replicated or offline',
  'under-replicated': 'under-replicated',
  'under-min-isr': 'under min ISR',
  offline: 'offline',
};

/** Whether topic t belongs in the list filtered by `health`; undefined while the Overview's names are not known. */
export function matchesHealth(t: TopicSummary, health: TopicHealth, underMinIsr: ReadonlySet<string> | undefined): boolean | undefined {
  switch (health) {
    case 'unhealthy':
      return t.underReplicated > 0 || t.offline > 0;
    case 'under-replicated':
      return t.underReplicated > 0;
    case 'offline':
      return t.offline > 0;
    case 'under-min-isr':
      return underMinIsr?.has(t.name);
  }
}
