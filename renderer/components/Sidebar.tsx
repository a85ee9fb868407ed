// The left rail: clusters (colour badge, status dot), the sections of the chosen cluster, the
// sandbox and cluster management. Arrow keys move between items; Enter or Space opens.
import type { KeyboardEvent } from 'react';
import { useApp, type Section } from '../stores/app';
import { healthOf, useClusters } from '../stores/clusters';
import { useSandbox } from '../stores/sandbox';
import { StatusDot, type DotState } from './StatusDot';

const sections: Array<{ id: Section; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'brokers', label: 'Brokers' },
  { id: 'topics', label: 'Topics' },
  { id: 'groups', label: 'Consumer groups' },
];

export function sandboxDot(state: string | undefined): DotState {
  return state === 'running' ? 'ok' : state === 'failed' ? 'error' : state === 'starting' || state === 'stopping' || state === 'restarting' ? 'busy' : 'off';
}

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
  const { clusters, tests } = useClusters();
  const sandbox = useSandbox((s) => s.status);
  const current = screen.kind === 'cluster' ? screen.clusterId : null;

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
        {clusters.length === 0 ? <li className="rail-empty">No clusters yet</li> : null}
        {clusters.map((cluster) => {
          const dot = cluster.sandbox ? sandboxDot(sandbox?.state) : ({ ok: 'ok', error: 'error', unknown: 'unknown', testing: 'busy' } as const)[healthOf(tests[cluster.id])];
          return (
            <li key={cluster.id}>
              <button
                type="button"
                className={`rail-item${current === cluster.id ? ' active' : ''}`}
                aria-current={current === cluster.id ? 'page' : undefined}
                onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: screen.kind === 'cluster' ? screen.section : 'overview' })}
              >
                <span className="badge" style={{ background: cluster.color }} aria-hidden="true" />
                <span className="rail-label">{cluster.name}</span>
                <StatusDot state={dot} />
              </button>
            </li>
          );
        })}
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
          <button type="button" className={`rail-item${screen.kind === 'sandbox' ? ' active' : ''}`} onClick={() => go({ kind: 'sandbox' })} data-testid="rail-sandbox">
            <span className="rail-label">Local sandbox</span>
            <StatusDot state={sandboxDot(sandbox?.state)} label={sandbox?.state ?? 'stopped'} />
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
