import type { TestResult } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';

const stepNames: Record<string, string> = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', kafka: 'Kafka', auth: 'SASL', metadata: 'Metadata' };

/** What Test connection found: the steps that passed, then what failed and what to do. */
export function TestResultView({ result }: { result: TestResult }) {
  return (
    <div className="test-result" data-testid="test-result" data-ok={result.ok}>
      <ol className="steps" aria-label="Connection steps">
        {result.steps.map((step) => (
          <li key={step.name} className={step.ok ? 'step-ok' : 'step-fail'} title={`${step.ms} ms${step.note ? ` — ${step.note}` : ''}`}>
            <span aria-hidden="true">{step.ok ? '✓' : '✕'}</span> {stepNames[step.name] ?? step.name}
          </li>
        ))}
        <li className="steps-time">{result.ms} ms</li>
      </ol>
      {result.ok && result.cluster ? (
        <div className="ok-box" role="status">
          Connected to {result.target}: cluster <code>{result.cluster.clusterId || '(no id)'}</code>, {result.cluster.brokers.length} broker
          {result.cluster.brokers.length === 1 ? '' : 's'}.
        </div>
      ) : null}
      {result.error ? <ErrorBox error={result.error} testId="test-error" /> : null}
    </div>
  );
}
