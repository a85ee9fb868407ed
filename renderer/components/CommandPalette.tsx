// Ctrl/Cmd+K: jump anywhere by name. Arrows move, Enter goes, Esc closes. Screens that list
// topics and groups add their names here as they arrive.
import { useEffect, useMemo, useState } from 'react';
import { useApp, type Screen } from '../stores/app';
import { useClusters } from '../stores/clusters';
import { dataOf } from '../stores/loadable';
import { useTopics } from '../stores/topics';
import { messagesScreen } from '../routes';
import { ModalDialog } from './ModalDialog';

/** Enough to choose from; typing narrows the rest. */
const SHOWN = 100;

interface Item {
  label: string;
  detail: string;
  screen: Screen;
}

export function CommandPalette({ onClose }: { onClose(): void }) {
  const go = useApp((s) => s.go);
  const clusters = useClusters((s) => s.clusters);
  const topics = useTopics((s) => s.byCluster);
  const loadNames = useTopics((s) => s.loadNames);
  const current = useApp((s) => (s.screen.kind === 'cluster' ? s.screen.clusterId : undefined));
  useEffect(() => {
    if (current) void loadNames(current);
  }, [current, loadNames]);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);

  const items = useMemo<Item[]>(() => {
    const all: Item[] = [
      { label: 'Local sandbox', detail: 'Sandbox', screen: { kind: 'sandbox' } },
      { label: 'Manage clusters', detail: 'Clusters', screen: { kind: 'clusters' } },
    ];
    for (const c of clusters) {
      // The sandbox is already listed above, under its own name; its overview is one click from there.
      if (!c.sandbox) all.push({ label: c.name, detail: 'Overview', screen: { kind: 'cluster', clusterId: c.id, section: 'overview' } });
      all.push({ label: `${c.name} brokers`, detail: 'Brokers', screen: { kind: 'cluster', clusterId: c.id, section: 'brokers' } });
      // Topics of the clusters whose list was read: their messages are a jump away.
      const list = topics[c.id] ? dataOf(topics[c.id]!.list) : undefined;
      for (const t of list ?? []) if (!t.internal) all.push({ label: t.name, detail: `Messages · ${c.name}`, screen: messagesScreen(c.id, t.name) });
    }
    const q = query.trim().toLowerCase();
    return q ? all.filter((i) => `${i.label} ${i.detail}`.toLowerCase().includes(q)) : all;
  }, [clusters, topics, query]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    go(item.screen);
    onClose();
  };

  return (
    <ModalDialog className="palette" label="Go to" closeOnBackdrop onClose={onClose}>
      <input
        autoFocus
        placeholder="Go to a cluster, a screen…"
        value={query}
        aria-label="Go to"
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setAt((a) => Math.min(a + 1, Math.min(items.length, SHOWN) - 1));
          else if (e.key === 'ArrowUp') setAt((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') choose(items[at]);
          else return;
          e.preventDefault();
        }}
      />
      <ul role="listbox" className="palette-list">
        {items.length === 0 ? <li className="muted palette-empty">Nothing matches “{query}”.</li> : null}
        {items.slice(0, SHOWN).map((item, i) => (
          <li key={`${item.label}-${item.detail}`} role="option" aria-selected={i === at} className={i === at ? 'selected' : ''} onMouseMove={() => setAt(i)} onClick={() => choose(item)}>
            <span>{item.label}</span>
            <span className="muted small">{item.detail}</span>
          </li>
        ))}
      </ul>
    </ModalDialog>
  );
}
