// Deleting a topic takes every record in it, for every consumer: the user types its name first.
import { useState } from 'react';
import { invoke, toErrorShape } from '../../api';
import { ErrorBox, type ShownError } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';

export function DeleteTopicDialog({ clusterId, topic, onClose, onDeleted }: { clusterId: string; topic: string; onClose(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await invoke('topics:delete', { id: clusterId, topic, confirm: typed });
      onDeleted();
    } catch (error) {
      setFailure(toErrorShape(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog label={`Delete ${topic}`} onClose={onClose} initialFocus="#confirm-topic">
      <form onSubmit={(e) => (e.preventDefault(), void remove())} data-testid="delete-topic-form">
        <h2>Delete topic <span className="mono">{topic}</span>?</h2>
        <p>Every record in it is deleted, and consumers reading it stop. This cannot be undone.</p>
        <div className="field">
          <label htmlFor="confirm-topic">Type the topic's name to confirm</label>
          <input id="confirm-topic" className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </div>
        {failure ? <ErrorBox error={failure} /> : null}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={typed !== topic || busy} data-testid="delete-topic-submit">
            {busy ? 'Deleting…' : 'Delete topic'}
          </button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </ModalDialog>
  );
}
