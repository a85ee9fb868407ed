// Add or edit a cluster profile. Validated as you save with the contract's own schema, so a
// missing bootstrap server or a port out of range is named beside its field before anything is
// sent; core checks again (and reads the CA file) and its field messages land in the same places.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../../shared/errors';
import { ClusterDraft, clusterColors, saslMechanisms, securityProtocols, type ClusterSummary, type SaslMechanism, type SecurityProtocol, type TestResult } from '../../../shared/model';
import { ApiError, toErrorShape } from '../../api';
import { ErrorBox, type ShownError } from '../../components/ErrorBox';
import { useApp } from '../../stores/app';
import { useClusters } from '../../stores/clusters';
import { formErrors, type FormErrors } from './form-errors';
import { TestResultView } from './TestResultView';

interface FormValues {
  name: string;
  servers: string;
  securityProtocol: SecurityProtocol;
  caFile: string;
  certFile: string;
  keyFile: string;
  rejectUnauthorized: boolean;
  mechanism: SaslMechanism;
  username: string;
  password: string;
  color: string;
}

function initial(cluster: ClusterSummary | undefined, used: number): FormValues {
  return {
    name: cluster?.name ?? '',
    servers: cluster?.bootstrapServers.join(', ') ?? '',
    securityProtocol: cluster?.securityProtocol ?? 'PLAINTEXT',
    caFile: cluster?.tls?.caFile ?? '',
    certFile: cluster?.tls?.certFile ?? '',
    keyFile: cluster?.tls?.keyFile ?? '',
    rejectUnauthorized: cluster?.tls?.rejectUnauthorized ?? true,
    mechanism: cluster?.sasl?.mechanism ?? 'SCRAM-SHA-256',
    username: cluster?.sasl?.username ?? '',
    password: '',
    color: cluster?.color ?? clusterColors[used % clusterColors.length]!,
  };
}

function toDraft(values: FormValues, id: string | undefined, hasStoredPassword: boolean): ClusterDraft {
  const tls = values.securityProtocol === 'SSL' || values.securityProtocol === 'SASL_SSL';
  const sasl = values.securityProtocol.startsWith('SASL');
  return {
    ...(id ? { id } : {}),
    name: values.name,
    bootstrapServers: values.servers.split(/[\s,]+/).filter(Boolean),
    securityProtocol: values.securityProtocol,
    ...(tls ? { tls: { caFile: values.caFile || undefined, certFile: values.certFile || undefined, keyFile: values.keyFile || undefined, rejectUnauthorized: values.rejectUnauthorized } } : {}),
    ...(sasl
      ? { sasl: { mechanism: values.mechanism, username: values.username, ...(values.password || !hasStoredPassword ? { password: values.password } : {}) } }
      : {}),
    color: values.color,
  };
}

export function ClusterForm({ cluster, onDone }: { cluster?: ClusterSummary | undefined; onDone(saved?: ClusterSummary): void }) {
  const clusters = useClusters();
  const secrets = useApp((s) => s.info?.secrets);
  const [values, setValues] = useState(() => initial(cluster, clusters.clusters.length));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [test, setTest] = useState<TestResult | 'testing' | null>(null);
  const [saving, setSaving] = useState(false);
  const hasStoredPassword = Boolean(cluster?.sasl?.hasPassword);
  const usesTls = values.securityProtocol === 'SSL' || values.securityProtocol === 'SASL_SSL';
  const usesSasl = values.securityProtocol.startsWith('SASL');

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };

  /** Validates locally with the contract's schema; returns the draft or null (errors shown). */
  const validDraft = (): ClusterDraft | null => {
    const draft = toDraft(values, cluster?.id, hasStoredPassword);
    const parsed = ClusterDraft.safeParse(draft);
    const found = parsed.success ? {} : formErrors(fieldErrors(parsed.error));
    if (usesSasl && !values.password && !hasStoredPassword) found.password = ['Enter the SASL password'];
    setErrors(found);
    return Object.keys(found).length ? null : draft;
  };

  const showFailure = (error: unknown) => {
    const shape = toErrorShape(error);
    if (error instanceof ApiError && shape.fields) {
      setErrors(formErrors(shape.fields));
      setFailure(null);
    } else setFailure(shape);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFailure(null);
    const draft = validDraft();
    if (!draft) return;
    setSaving(true);
    try {
      onDone(await clusters.save(draft));
    } catch (error) {
      showFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const onTest = async () => {
    if (test === 'testing') return;
    setFailure(null);
    const draft = validDraft();
    if (!draft) return;
    setTest('testing');
    try {
      setTest(await clusters.testDraft(draft));
    } catch (error) {
      setTest(null);
      showFailure(error);
    }
  };

  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="cluster-form" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h2>{cluster ? `Edit ${cluster.name}` : 'Add a cluster'}</h2>
      <div className="form-grid">
        <Field label="Name" error={errors.name} name="name">
          {(id) => <input id={id} name="name" value={values.name} onChange={(e) => set('name', e.target.value)} placeholder="Production EU" autoFocus />}
        </Field>
        <Field label="Bootstrap servers" error={errors.servers} name="servers" help="host:port, separated by commas">
          {(id) => <input id={id} name="servers" className="mono" value={values.servers} onChange={(e) => set('servers', e.target.value)} placeholder="broker-1:9092, broker-2:9092" />}
        </Field>
        <Field label="Security protocol" error={errors.securityProtocol} name="securityProtocol">
          {(id) => (
            <select id={id} name="securityProtocol" value={values.securityProtocol} onChange={(e) => set('securityProtocol', e.target.value as SecurityProtocol)}>
              {securityProtocols.map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Colour" name="color">
          {() => (
            <div className="swatches" role="radiogroup" aria-label="Colour">
              {clusterColors.map((c) => (
                <button key={c} type="button" role="radio" aria-checked={values.color === c} aria-label={c} className={`swatch${values.color === c ? ' chosen' : ''}`} style={{ background: c }} onClick={() => set('color', c)} />
              ))}
            </div>
          )}
        </Field>

        {usesTls ? (
          <fieldset className="form-group">
            <legend>TLS</legend>
            <Field label="CA file" error={errors.caFile} name="caFile" help="PEM; leave empty to trust the system's CAs">
              {(id) => <input id={id} name="caFile" className="mono" value={values.caFile} onChange={(e) => set('caFile', e.target.value)} placeholder="/etc/kafka/ca.pem" />}
            </Field>
            <Field label="Client certificate (optional)" error={errors.certFile} name="certFile">
              {(id) => <input id={id} name="certFile" className="mono" value={values.certFile} onChange={(e) => set('certFile', e.target.value)} placeholder="/etc/kafka/client.pem" />}
            </Field>
            <Field label="Client key (optional)" error={errors.keyFile} name="keyFile">
              {(id) => <input id={id} name="keyFile" className="mono" value={values.keyFile} onChange={(e) => set('keyFile', e.target.value)} placeholder="/etc/kafka/client.key" />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={values.rejectUnauthorized} onChange={(e) => set('rejectUnauthorized', e.target.checked)} /> Verify the server's certificate
            </label>
          </fieldset>
        ) : null}

        {usesSasl ? (
          <fieldset className="form-group">
            <legend>SASL</legend>
            <Field label="Mechanism" error={errors.mechanism} name="mechanism">
              {(id) => (
                <select id={id} name="mechanism" value={values.mechanism} onChange={(e) => set('mechanism', e.target.value as SaslMechanism)}>
                  {saslMechanisms.map((m) => (
                    <option key={m} value={m}>{m}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="User name" error={errors.username} name="username">
              {(id) => <input id={id} name="username" value={values.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" />}
            </Field>
            <Field label="Password" error={errors.password} name="password" help={secrets?.description}>
              {(id) => (
                <input id={id} name="password" type="password" value={values.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" placeholder={hasStoredPassword ? 'Stored — leave empty to keep it' : ''} />
              )}
            </Field>
          </fieldset>
        ) : null}
      </div>

      {test === 'testing' ? <div className="muted" role="status">Testing the connection…</div> : test ? <TestResultView result={test} /> : null}
      {failure ? <ErrorBox error={failure} testId="form-error" /> : null}

      <div className="form-actions">
        {/* Busy, not disabled: a disabled button drops the focus to the page, and Esc with it. */}
        <button type="button" onClick={onTest} aria-disabled={test === 'testing'} data-testid="form-test">
          Test connection
        </button>
        <span className="grow" />
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
        <button type="submit" className="primary" aria-disabled={saving} data-testid="form-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function Field({ label, error, help, name, children }: { label: string; error?: string[] | undefined; help?: string | undefined; name: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? (
        <div className="field-error" role="alert" data-testid={`field-error-${name}`}>
          {error.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </div>
      ) : help ? (
        <div className="field-help">{help}</div>
      ) : null}
    </div>
  );
}
