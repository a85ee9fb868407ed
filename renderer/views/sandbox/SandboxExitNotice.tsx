// How the sandbox broker last ended when nobody asked it to, and what Brook did about it: restarting
// in a few seconds, restarted (how many times), or stopped restarting. The last log lines are one
// click away, since they are what says why.
import { describeExit, type SandboxStatus } from '../../../shared/model';

export function SandboxExitNotice({ status, now }: { status: SandboxStatus; now: number }) {
  const exit = status.lastExit;
  if (!exit) return null;
  const at = new Date(exit.at).toLocaleTimeString();
  let after = '';
  if (status.state === 'restarting' && status.restartAt) {
    after = `Restarting in ${Math.max(0, Math.ceil((Date.parse(status.restartAt) - now) / 1000))} s.`;
  } else if (status.restarts > 0) {
    after = status.restarts === 1 ? 'Brook restarted it.' : `Brook restarted it (${status.restarts} restarts since you started it).`;
  }
  return (
    <div className="error-box exit-notice" role="alert" data-testid="sandbox-exit" data-signal={exit.signal ?? ''} data-code={exit.code ?? ''}>
      <div className="error-title">
        The broker stopped unexpectedly at {at} ({describeExit(exit)}).
      </div>
      {after ? <div className="error-hint" data-testid="sandbox-restarts" data-restarts={status.restarts}>{after}</div> : null}
      {exit.lastLines.length ? (
        <details>
          <summary>Its last log lines</summary>
          <pre data-testid="sandbox-exit-log">{exit.lastLines.join('\n')}</pre>
        </details>
      ) : null}
    </div>
  );
}
