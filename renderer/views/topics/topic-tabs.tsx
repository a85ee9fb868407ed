// The topic drawer's tabs, in order. The first is where a topic opens (its address names no tab);
// the others are #/cluster/ID/topics/NAME/<id>. A new tab is one entry here and its own component
// file.
import type { ComponentType } from 'react';
import { ConfigsTab } from './ConfigsTab';
import { TopicConsumers } from './TopicConsumers';
import { PartitionsTab } from './PartitionsTab';

export interface TopicTabProps {
  clusterId: string;
  topic: string;
}

export interface TopicTab {
  id: string;
  label: string;
  Tab: ComponentType<TopicTabProps>;
  /** A tab whose table needs more room than the partitions': the drawer takes more of the screen. */
  wide?: boolean;
}

export const topicTabs: readonly TopicTab[] = [
  { id: 'partitions', label: 'Partitions', Tab: PartitionsTab },
  { id: 'configs', label: 'Configs', Tab: ConfigsTab, wide: true },
  { id: 'consumers', label: 'Consumers', Tab: TopicConsumers, wide: true },
];

/** The tab an address names; an unknown or missing one is the first. */
export const tabOf = (id: string | undefined): TopicTab => topicTabs.find((t) => t.id === id) ?? topicTabs[0]!;
