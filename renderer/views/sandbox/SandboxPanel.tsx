// The local sandbox: one click to start; then its address, uptime, data folder, and controls.
import { useEffect, useState } from 'react';
import { SANDBOX_CLUSTER_ID } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { StatusDot } from '../../components/StatusDot';
import { useApp } from '../../stores/app';
import { sandboxDot } from '../../stores/reachability';
import { useSandbox } from '../../stores/sandbox';
import { SandboxExitNotice } from './SandboxExitNotice';

function uptime(since: string | null, now: number): string {
  if (!since) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
}

const stateLabel = { stopped: 'Stopped', starting: 'Starting…', running: 'Running', stopping: 'Stopping…', restarting: 'Restarting…', failed: 'Failed' } as const;

export function SandboxPanel() {
  const sandbox = useSandbox();
  const go = useApp((s) => s.go);
  const [now, setNow] = useState(Date.now());
  const [confirmReset, setConfirmReset] = useState(false);
  const [copied, setCopied] = useState(false);
  const [demo, setDemo] = useState(false);
  const status = sandbox.status;
  const state = status?.state ?? 'stopped';

  useEffect(() => {
    if (state !== 'running' && state !== 'restarting') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state]);
  useEffect(() => {
    if (status) setDemo(status.demo);
  }, [status?.demo]);

  const copy = async () => {
    if (!status?.bootstrap) return;
    try {
      await navigator.clipboard.writeText(status.bootstrap);
    } catch {
      const area = document.createElement('textarea');
      area.value = status.bootstrap;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const busy = sandbox.busy !== null || state === 'starting' || state === 'stopping';
  const running = state === 'running';

  return (
    <div className="page" data-testid="sandbox-view">
      <header className="page-header">
        <h1>Local sandbox</h1>
      </header>
      <section className="card sandbox" aria-live="polite">
        <div className="sandbox-head">
          <StatusDot state={sandboxDot(state)} label={stateLabel[state]} />
          <span className="sandbox-state" data-testid="sandbox-state" data-state={state}>
            {stateLabel[state]}
          </span>
          {running && status?.bootstrap ? (
            <>
              <code className="address" data-testid="sandbox-address">{status.bootstrap}</code>
              <button type="button" onClick={() => void copy()} data-testid="copy-bootstrap">
                {copied ? 'Copied' : 'Copy address'}
              </button>
              <span className="muted" data-testid="sandbox-uptime">up {uptime(status.startedAt, now)}</span>
            </>
          ) : null}
        </div>
        <p className="muted">
          A Kafka-compatible broker that runs inside Brook, with no JVM and no Docker. It listens on 127.0.0.1 only and keeps its data in
          {' '}<code>{status?.dataDir ?? '…'}</code>.
        </p>

        {status?.notice ? (
          <div className="notice" role="status" data-testid="sandbox-notice">
            {status.notice}
          </div>
        ) : null}
        {status ? <SandboxExitNotice status={status} now={now} /> : null}
        {state === 'failed' && status?.error ? <ErrorBox error={status.error} testId="sandbox-error" /> : null}
        {sandbox.error ? <ErrorBox error={sandbox.error} /> : null}

        <label className="check switch">
          <input type="checkbox" checked={demo} disabled={sandbox.busy !== null} onChange={(e) => {
            setDemo(e.target.checked);
            if (running) void sandbox.setDemo(e.target.checked);
          }} data-testid="demo-switch" />
          <span>
            <strong>Demo data</strong> — topics of orders, payments and user activity (JSON, with keys and headers), a producer that keeps writing and a
            slow consumer group, so there is lag to watch.
            {running && status?.demo ? <span className="muted"> {status.demoEvents.toLocaleString()} events written.</span> : null}
          </span>
        </label>

        <div className="form-actions">
          {running || state === 'restarting' ? (
            <>
              {running ? (
                <button type="button" className="primary" onClick={() => go({ kind: 'cluster', clusterId: SANDBOX_CLUSTER_ID, section: 'overview' })}>
                  Open
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => void sandbox.start(demo)} disabled={busy} data-testid="sandbox-start">
                  Start now
                </button>
              )}
              <button type="button" onClick={() => void sandbox.stop()} disabled={busy} data-testid="sandbox-stop">
                Stop
              </button>
              {running ? (
                <button type="button" onClick={() => void sandbox.restart()} disabled={busy}>
                  Restart
                </button>
              ) : null}
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void sandbox.start(demo)} disabled={busy} data-testid="sandbox-start">
              {state === 'starting' ? 'Starting…' : state === 'failed' ? 'Start again' : 'Start local sandbox'}
            </button>
          )}
          <span className="grow" />
          <button type="button" onClick={() => void sandbox.openDataFolder()}>
            Open data folder
          </button>
          <button type="button" className="danger-text" onClick={() => setConfirmReset(true)} disabled={busy || status?.error?.code === 'SANDBOX_DATA_LOCKED'}>
            Reset data…
          </button>
        </div>
        {sandbox.folderMessage ? <div className="muted small" role="status">{sandbox.folderMessage}</div> : null}
      </section>

      {confirmReset ? (
        <ConfirmDialog
          title="Reset the sandbox's data?"
          confirmLabel="Delete all sandbox data"
          danger
          onCancel={() => setConfirmReset(false)}
          onConfirm={() => {
            setConfirmReset(false);
            void sandbox.reset();
          }}
        >
          Every topic, message and committed offset in the sandbox is deleted. {running ? 'The broker restarts empty.' : ''} Other clusters are not touched.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
