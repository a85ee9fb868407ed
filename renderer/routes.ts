// Screens as hash routes (#/cluster/ID/brokers), so Back, Forward, a reload and a shared serve-mode
// link all land on a screen. Hashes because they work the same under Electron's file:// and in a
// browser, and never reach the server. Pure: no window, no store, so it is tested on its own.

export type Section = 'overview' | 'brokers' | 'topics' | 'groups';

export type Screen =
  | { kind: 'clusters'; edit?: string }
  | { kind: 'sandbox' }
  /** `topic` (and its `tab`) only with the topics section: one topic's detail. */
  | { kind: 'cluster'; clusterId: string; section: Section; topic?: string; tab?: string };

const sections: readonly string[] = ['overview', 'brokers', 'topics', 'groups'] satisfies Section[];

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
  }
  return '#/' + parts.map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');
}

/** The screen a hash names, or the home screen when it names none. */
export function parseRoute(hash: string): Screen {
  return parse(hash) ?? homeScreen;
}

function parse(hash: string): Screen | undefined {
  const path = hash.replace(/^#\/?/, '').replace(/\/$/, '');
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
    if (topic === undefined) return screen;
    if (section !== 'topics') return undefined;
    return tab === undefined ? { ...screen, topic } : { ...screen, topic, tab };
  }
  return undefined;
}
