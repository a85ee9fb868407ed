// Add partitions: the new total must be above today's; the cluster checks it first (validateOnly)
// and its refusal (INVALID_PARTITIONS, a policy) lands under the field. A warning says what more
// partitions do to keyed records before anything changes.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { useFormRun } from './form-run';

export function AddPartitionsDialog({ clusterId, topic, current, onClose, onAdded }: { clusterId: string; topic: string; current: number; onClose(): void; onAdded(count: number): void }) {
  const [count, setCount] = useState(String(current + 1));
  const { busy, failed, run, refuse } = useFormRun<'checking' | 'adding'>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(count);
    // A count not above today's is left to the cluster, whose words (INVALID_PARTITIONS) say it best.
    if (!Number.isInteger(n) || n < 1) return refuse({ count: 'A whole number of partitions' });
    await run(async (step) => {
      step('checking');
      await invoke('topics:addPartitions', { id: clusterId, topic, count: n, validateOnly: true });
      step('adding');
      await invoke('topics:addPartitions', { id: clusterId, topic, count: n });
      onAdded(n);
    });
  };
  const error = failed.fields.count;
  return (
    <ModalDialog label={`Add partitions to ${topic}`} onClose={onClose} initialFocus="#partition-count">
      <form onSubmit={(e) => void submit(e)} data-testid="add-partitions-form" noValidate>
        <h2>Add partitions to <span className="mono">{topic}</span></h2>
        <div className="notice" data-testid="keyed-warning">
          <strong>Keyed records will map to other partitions.</strong> A record's partition is the hash of its key modulo
          the number of partitions, so from now on most keys go to a partition other than before: a key's new records are
          no longer beside its old ones, and a consumer may see them out of order. Records already written stay where they are.
        </div>
        <div className={`field${error ? ' invalid' : ''}`}>
          <label htmlFor="partition-count">Partitions, in all</label>
          <input id="partition-count" type="number" min={current + 1} value={count} onChange={(e) => setCount(e.target.value)} />
          {error ? <div className="field-error" data-testid="error-count">{error}</div> : <div className="field-help">Now {current}. Partitions can be added, never removed.</div>}
        </div>
        {failed.failure ? <ErrorBox error={failed.failure} /> : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null} data-testid="add-partitions-submit">
            {busy === 'checking' ? 'Checking…' : busy === 'adding' ? 'Adding…' : 'Add partitions'}
          </button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </ModalDialog>
  );
}
