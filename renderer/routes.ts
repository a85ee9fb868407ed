// Screens as hash routes (#/cluster/ID/brokers), so Back, Forward, a reload and a shared serve-mode
// link all land on a screen. Hashes because they work the same under Electron's file:// and in a
// browser, and never reach the server. Pure: no window, no store, so it is tested on its own.

export type Section = 'overview' | 'brokers' | 'topics' | 'groups';

/** The Topics list narrowed to topics with partitions in that state (what an Overview figure opens). */
export type TopicHealth = 'unhealthy' | 'under-replicated' | 'under-min-isr' | 'offline';
export const topicHealths: readonly TopicHealth[] = ['unhealthy', 'under-replicated', 'under-min-isr', 'offline'];

export type Screen =
  | { kind: 'clusters'; edit?: string }
  | { kind: 'sandbox' }
  /**
   * `topic` (and its `tab`) and `health` (as ?health=...) only with the topics section: one topic's
   * detail, the list filtered; `broker` only with the brokers section: one broker's detail; `group`
   * and `groupState` (as ?state=...) only with the groups section: one group's detail, the list by state.
   */
  | { kind: 'cluster'; clusterId: string; section: Section; topic?: string; tab?: string; health?: TopicHealth; broker?: number; group?: string; groupState?: string };

const sections: readonly string[] = ['overview', 'brokers', 'topics', 'groups'] satisfies Section[];

/** The tab of a topic's address that is its own screen (the messages), not a tab of the drawer. */
export const MESSAGES_TAB = 'messages';

/** The Messages screen of a topic: #/cluster/ID/topics/NAME/messages. */
export const messagesScreen = (clusterId: string, topic: string): Screen => ({ kind: 'cluster', clusterId, section: 'topics', topic, tab: MESSAGES_TAB });

/** The topic whose Messages screen this is, or undefined for any other screen. */
export const messagesTopic = (screen: Screen): string | undefined =>
  screen.kind === 'cluster' && screen.section === 'topics' && screen.tab === MESSAGES_TAB ? screen.topic : undefined;

/** The Consumer groups list, narrowed to one Kafka group state (Stable, Empty ...) when given. */
export const groupsScreen = (clusterId: string, groupState?: string): Extract<Screen, { kind: 'cluster' }> => ({ kind: 'cluster', clusterId, section: 'groups', ...(groupState ? { groupState } : {}) });

/** One group's detail over the list: #/cluster/ID/groups/GROUP. */
export const groupScreen = (clusterId: string, group: string, groupState?: string): Screen => ({ ...groupsScreen(clusterId, groupState), group });

/** Where a missing, unknown or malformed hash lands. */
export const homeScreen: Screen = { kind: 'clusters' };

/** "#/cluster/ID/topics/NAME/TAB", each name percent-encoded so a "/" or "#" in it stays inside its segment. */
export function formatRoute(screen: Screen): string {
  const parts: string[] = [];
  if (screen.kind === 'clusters') {
    parts.push('clusters');
    if (screen.edit !== undefined) parts.push('edit', screen.edit);
  } else if (screen.kind === 'sandbox') {
    parts.push('sandbox');
  } else {
    parts.push('cluster', screen.clusterId, screen.section);
    if (screen.section === 'topics' && screen.topic !== undefined) {
      parts.push(screen.topic);
      if (screen.tab !== undefined) parts.push(screen.tab);
    }
    if (screen.section === 'brokers' && screen.broker !== undefined) parts.push(String(screen.broker));
    if (screen.section === 'groups' && screen.group !== undefined) parts.push(screen.group);
  }
  let query = '';
  if (screen.kind === 'cluster' && screen.section === 'topics' && screen.health !== undefined) query = `?health=${screen.health}`;
  if (screen.kind === 'cluster' && screen.section === 'groups' && screen.groupState) query = `?state=${encodeURIComponent(screen.groupState)}`;
  return '#/' + parts.map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/') + query;
}

/** The screen a hash names, or the home screen when it names none. */
export function parseRoute(hash: string): Screen {
  return parse(hash) ?? homeScreen;
}

function parse(hash: string): Screen | undefined {
  // Names are percent-encoded, so a "?" in the address always starts the query.
  const [rawPath = '', query = ''] = hash.split('?', 2);
  const path = rawPath.replace(/^#\/?/, '').replace(/\/$/, '');
  let parts: string[];
  try {
    parts = path.split('/').map(decodeURIComponent);
  } catch {
    return undefined; // a "%" that is not an escape
  }
  if (parts.some((p) => p === '')) return parts.length === 1 ? homeScreen : undefined;
  const [kind, ...rest] = parts;
  if (kind === 'clusters') {
    if (rest.length === 0) return { kind: 'clusters' };
    if (rest.length === 2 && rest[0] === 'edit') return { kind: 'clusters', edit: rest[1]! };
    return undefined;
  }
  if (kind === 'sandbox') return rest.length === 0 ? { kind: 'sandbox' } : undefined;
  if (kind === 'cluster') {
    const [clusterId, section, topic, tab, ...extra] = rest;
    if (clusterId === undefined || section === undefined || !sections.includes(section) || extra.length) return undefined;
    const screen: Screen = { kind: 'cluster', clusterId, section: section as Section };
    if (section === 'brokers' && topic !== undefined) return tab === undefined && /^\d+$/.test(topic) ? { ...screen, broker: Number(topic) } : undefined;
    // An unknown filter is dropped rather than refusing the screen: the list shows unfiltered.
    const health = new URLSearchParams(query).get('health') as TopicHealth | null;
    if (section === 'topics' && health !== null && topicHealths.includes(health)) screen.health = health;
    const groupState = new URLSearchParams(query).get('state');
    if (section === 'groups' && groupState) screen.groupState = groupState;
    if (section === 'groups' && topic !== undefined) return tab === undefined ? { ...screen, group: topic } : undefined;
    if (topic === undefined) return screen;
    if (section !== 'topics') return undefined;
    return tab === undefined ? { ...screen, topic } : { ...screen, topic, tab };
  }
  return undefined;
}
