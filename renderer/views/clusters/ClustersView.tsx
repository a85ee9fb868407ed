// The clusters screen: saved profiles (add, edit, remove, test), and the way to the sandbox.
import { useState } from 'react';
import type { ClusterSummary } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox } from '../../components/ErrorBox';
import { ClusterDot } from '../../components/ClusterDot';
import { useApp } from '../../stores/app';
import { useClusters } from '../../stores/clusters';
import { useSandbox } from '../../stores/sandbox';
import { ClusterForm } from './ClusterForm';
import { TestResultView } from './TestResultView';

export function ClustersView() {
  const { clusters, tests, loaded, error, test, remove, load } = useClusters();
  const sandbox = useSandbox();
  const go = useApp((s) => s.go);
  const secrets = useApp((s) => s.info?.secrets);
  // Editing has an address (#/clusters/edit/ID), so a reload keeps the form open once the list arrives.
  const editId = useApp((s) => (s.screen.kind === 'clusters' ? s.screen.edit : undefined));
  const [adding, setAdding] = useState(false);
  const editing: ClusterSummary | 'new' | null = (editId !== undefined ? clusters.find((c) => c.id === editId) : undefined) ?? (adding ? 'new' : null);
  const [removing, setRemoving] = useState<ClusterSummary | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const form = editing ? (
    <ClusterForm
      key={editing === 'new' ? 'new' : editing.id}
      cluster={editing === 'new' ? undefined : editing}
      onDone={() => {
        setAdding(false);
        if (editId !== undefined) go({ kind: 'clusters' });
      }}
    />
  ) : null;

  return (
    <div className="page" data-testid="clusters-view">
      <header className="page-header">
        <h1>Clusters</h1>
        <span className="grow" />
        <button type="button" className="primary" onClick={() => setAdding(true)} disabled={editing !== null} data-testid="add-cluster">
          Add cluster
        </button>
      </header>

      {form}
      {error ? <ErrorBox error={error} actions={<button onClick={() => void load()}>Try again</button>} /> : null}

      {loaded && clusters.length === 0 && !editing ? (
        <EmptyState
          title="No clusters yet"
          testId="clusters-empty"
          actions={
            <>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  go({ kind: 'sandbox' });
                  void sandbox.start(false);
                }}
              >
                Start the local sandbox
              </button>
              <button type="button" onClick={() => setAdding(true)}>
                Add a cluster
              </button>
            </>
          }
        >
          Start the local sandbox for a Kafka-compatible broker on this machine, or add a cluster you already have.
        </EmptyState>
      ) : null}

      {clusters.length > 0 ? (
        <table className="table" data-testid="clusters-table">
          <thead>
            <tr>
              <th className="status-col" aria-label="Status" />
              <th>Name</th>
              <th>Bootstrap servers</th>
              <th>Security</th>
              <th className="actions-col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((cluster) => {
              const result = tests[cluster.id];
              const testing = result === 'testing';
              return [
                <tr key={cluster.id} data-testid="cluster-row" data-name={cluster.name}>
                  <td className="status-col">
                    <ClusterDot clusterId={cluster.id} sandbox={cluster.sandbox} />
                  </td>
                  <td className="name-col">
                    <button type="button" className="link" onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: 'overview' })}>
                      <span className="badge" style={{ background: cluster.color }} aria-hidden="true" /> {cluster.name}
                    </button>
                    {cluster.sandbox ? <span className="tag">sandbox</span> : null}
                  </td>
                  <td className="mono">{cluster.bootstrapServers.join(', ')}</td>
                  <td>
                    {cluster.securityProtocol}
                    {cluster.sasl ? <span className="muted"> · {cluster.sasl.mechanism}</span> : null}
                  </td>
                  <td className="actions-col">
                    <button type="button" onClick={() => void test(cluster.id)} disabled={testing} data-testid="row-test">
                      {testing ? 'Testing…' : 'Test'}
                    </button>
                    <button type="button" onClick={() => go({ kind: 'clusters', edit: cluster.id })} disabled={editing !== null}>
                      Edit
                    </button>
                    <button type="button" className="danger-text" onClick={() => setRemoving(cluster)}>
                      Remove
                    </button>
                  </td>
                </tr>,
                result && result !== 'testing' ? (
                  <tr key={`${cluster.id}-test`} className="detail-row">
                    <td className="status-col" />
                    <td colSpan={4}>
                      <TestResultView result={result} />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      ) : null}

      {clusters.length > 0 && secrets ? (
        <p className="page-footer" data-testid="secrets-note">
          {secrets.description}
        </p>
      ) : null}

      {removeError ? <ErrorBox error={{ code: 'INTERNAL', message: removeError }} /> : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const target = removing;
            setRemoving(null);
            remove(target.id).catch((e: Error) => setRemoveError(e.message));
          }}
        >
          The profile and its stored password are deleted. The cluster itself is not touched.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
