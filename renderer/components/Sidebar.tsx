// The left rail: clusters (colour badge, status dot), the sections of the chosen cluster, the
// sandbox and cluster management. Arrow keys move between items; Enter or Space opens.
// The sandbox's cluster profile is listed once, as the sandbox below the sections: that entry
// exists before the profile does and leads to the broker's controls; its overview is one click on.
import type { KeyboardEvent } from 'react';
import { SANDBOX_CLUSTER_ID } from '../../shared/model';
import { useApp, type Section } from '../stores/app';
import { useClusters } from '../stores/clusters';
import { ClusterDot } from './ClusterDot';

const sections: Array<{ id: Section; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'brokers', label: 'Brokers' },
  { id: 'topics', label: 'Topics' },
  { id: 'groups', label: 'Consumer groups' },
];

function onRailKeys(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.rail-item:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = items[(at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
  next?.focus();
  event.preventDefault();
}

export function Sidebar() {
  const { screen, go } = useApp();
  const clusters = useClusters((s) => s.clusters).filter((c) => !c.sandbox);
  const current = screen.kind === 'cluster' ? screen.clusterId : null;
  const onSandbox = screen.kind === 'sandbox' || current === SANDBOX_CLUSTER_ID;

  return (
    <nav className="rail" aria-label="Brook" onKeyDown={onRailKeys}>
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="var(--accent)" />
          <path d="M6 12c4-4 8 4 12 0s6-2 8 0M6 18c4-4 8 4 12 0s6-2 8 0M6 24c4-4 8 4 12 0s6-2 8 0" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinecap="round" />
        </svg>
        <span>Brook</span>
      </div>

      <button type="button" className="rail-search" onClick={() => window.dispatchEvent(new Event('brook:palette'))} data-testid="open-palette">
        <span>Go to…</span>
        <span className="kbd">{navigator.platform.startsWith('Mac') ? '⌘K' : 'Ctrl K'}</span>
      </button>

      <div className="rail-heading">
        <span>Clusters</span>
        <button type="button" className="icon-button" title="Add a cluster" aria-label="Add a cluster" onClick={() => go({ kind: 'clusters' })}>
          +
        </button>
      </div>
      <ul className="rail-list" data-testid="rail-clusters">
        {clusters.length === 0 ? <li className="rail-empty">None added yet</li> : null}
        {clusters.map((cluster) => (
          <li key={cluster.id}>
            <button
              type="button"
              className={`rail-item${current === cluster.id ? ' active' : ''}`}
              aria-current={current === cluster.id ? 'page' : undefined}
              onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: screen.kind === 'cluster' ? screen.section : 'overview' })}
            >
              <span className="badge" style={{ background: cluster.color }} aria-hidden="true" />
              <span className="rail-label">{cluster.name}</span>
              <ClusterDot clusterId={cluster.id} sandbox={false} />
            </button>
          </li>
        ))}
      </ul>

      <div className="rail-heading">
        <span>Sections</span>
      </div>
      <ul className="rail-list">
        {sections.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className={`rail-item${screen.kind === 'cluster' && screen.section === section.id ? ' active' : ''}`}
              disabled={!current}
              title={current ? undefined : 'Choose a cluster first'}
              onClick={() => current && go({ kind: 'cluster', clusterId: current, section: section.id })}
            >
              <span className="rail-label">{section.label}</span>
            </button>
          </li>
        ))}
      </ul>

      <div className="rail-spacer" />
      <ul className="rail-list">
        <li>
          <button
            type="button"
            className={`rail-item${onSandbox ? ' active' : ''}`}
            aria-current={onSandbox ? 'page' : undefined}
            onClick={() => go({ kind: 'sandbox' })}
            data-testid="rail-sandbox"
          >
            <span className="rail-label">Local sandbox</span>
            <ClusterDot clusterId={SANDBOX_CLUSTER_ID} sandbox />
          </button>
        </li>
        <li>
          <button type="button" className={`rail-item${screen.kind === 'clusters' ? ' active' : ''}`} onClick={() => go({ kind: 'clusters' })} data-testid="rail-manage">
            <span className="rail-label">Manage clusters</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
