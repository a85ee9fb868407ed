// Create a topic: Kafka's name rules checked as you type (the contract's schema), then the cluster
// itself checks it with validateOnly (a taken name, more replicas than brokers, a refused config
// or policy) before it is created; each refusal lands beside its field.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../shared/errors';
import { TopicDraft } from '../../../shared/model';
import { ApiError, invoke, toErrorShape } from '../../api';
import { ErrorBox, type ShownError } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { humanDuration } from '../../format';

const retentions = [
  ['3600000', '1 hour'],
  ['86400000', '1 day'],
  ['604800000', '7 days (Kafka\'s default)'],
  ['2592000000', '30 days'],
  ['-1', 'Forever'],
] as const;

/** "key=value" lines to configs; a line without "=" is reported. */
function parseConfigs(text: string): { configs: Record<string, string>; bad?: string } {
  const configs: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq <= 0) return { configs, bad: `"${line}" is not key=value` };
    configs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { configs };
}

export function CreateTopicDialog({ clusterId, brokers, onClose, onCreated }: { clusterId: string; brokers: number; onClose(): void; onCreated(name: string): void }) {
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState('3');
  const [replicationFactor, setReplicationFactor] = useState(String(Math.min(3, Math.max(1, brokers))));
  const [retention, setRetention] = useState('604800000');
  const [cleanup, setCleanup] = useState('delete');
  const [more, setMore] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<'checking' | 'creating' | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const extra = parseConfigs(more);
    const draft = { name: name.trim(), partitions: Number(partitions), replicationFactor: Number(replicationFactor), configs: { 'retention.ms': retention, 'cleanup.policy': cleanup, ...extra.configs } };
    const parsed = TopicDraft.safeParse(draft);
    const found: Record<string, string> = parsed.success ? {} : Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k.split('.')[0]!, v]));
    if (extra.bad) found.configs = extra.bad;
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      setBusy('checking');
      await invoke('topics:create', { id: clusterId, topic: draft, validateOnly: true });
      setBusy('creating');
      await invoke('topics:create', { id: clusterId, topic: draft });
      onCreated(draft.name);
    } catch (error) {
      const shape = toErrorShape(error);
      if (error instanceof ApiError && shape.fields) setErrors(Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k.replace(/^topic\./, '').split('.')[0]!, v])));
      else setFailure(shape);
    } finally {
      setBusy(null);
    }
  };

  const field = (key: string) => `field${errors[key] ? ' invalid' : ''}`;
  return (
    <ModalDialog label="Create a topic" onClose={onClose} initialFocus="#topic-name" className="wide-dialog">
      <form onSubmit={(e) => void submit(e)} data-testid="create-topic-form" noValidate>
        <h2>Create a topic</h2>
        <div className="form-grid">
          <div className={`${field('name')} span-2`}>
            <label htmlFor="topic-name">Name</label>
            <input id="topic-name" className="mono" value={name} onChange={(e) => setName(e.target.value)} placeholder="orders.created" autoComplete="off" />
            {errors.name ? <div className="field-error" data-testid="error-name">{errors.name}</div> : <div className="field-help">Letters, digits, ".", "_" and "-"; at most 249.</div>}
          </div>
          <div className={field('partitions')}>
            <label htmlFor="topic-partitions">Partitions</label>
            <input id="topic-partitions" type="number" min={1} value={partitions} onChange={(e) => setPartitions(e.target.value)} />
            {errors.partitions ? <div className="field-error">{errors.partitions}</div> : <div className="field-help">Can be raised later, never lowered.</div>}
          </div>
          <div className={field('replicationFactor')}>
            <label htmlFor="topic-rf">Replication factor</label>
            <input id="topic-rf" type="number" min={1} value={replicationFactor} onChange={(e) => setReplicationFactor(e.target.value)} />
            {errors.replicationFactor ? <div className="field-error" data-testid="error-replicationFactor">{errors.replicationFactor}</div> : <div className="field-help">{brokers} broker{brokers === 1 ? '' : 's'} in this cluster.</div>}
          </div>
          <div className="field">
            <label htmlFor="topic-retention">retention.ms</label>
            <select id="topic-retention" value={retention} onChange={(e) => setRetention(e.target.value)}>
              {retentions.map(([ms, label]) => <option key={ms} value={ms}>{label}</option>)}
            </select>
            <div className="field-help">Records older than {humanDuration(Number(retention))} are deleted, read or not.</div>
          </div>
          <div className="field">
            <label htmlFor="topic-cleanup">cleanup.policy</label>
            <select id="topic-cleanup" value={cleanup} onChange={(e) => setCleanup(e.target.value)}>
              <option value="delete">delete</option>
              <option value="compact">compact (keep the last record per key)</option>
              <option value="compact,delete">compact,delete</option>
            </select>
          </div>
          <div className={`${field('configs')} span-2`}>
            <label htmlFor="topic-configs">More configs</label>
            <textarea id="topic-configs" className="mono" rows={3} value={more} onChange={(e) => setMore(e.target.value)} placeholder={'min.insync.replicas=2\nmax.message.bytes=2097152'} />
            {errors.configs ? <div className="field-error" data-testid="error-configs">{errors.configs}</div> : <div className="field-help">One key=value a line, by Kafka's topic config names.</div>}
          </div>
        </div>
        {failure ? <ErrorBox error={failure} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null} data-testid="create-topic-submit">
            {busy === 'checking' ? 'Checking…' : busy === 'creating' ? 'Creating…' : 'Create topic'}
          </button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </ModalDialog>
  );
}
