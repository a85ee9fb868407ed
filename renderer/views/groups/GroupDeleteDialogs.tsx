// Deleting a group (DeleteGroups) or its offsets on one topic (OffsetDelete): asked first, and
// Kafka's refusal (a group with members, a topic a member reads) shown in the dialog.
import { useState } from 'react';
import type { ShownError } from '../../components/ErrorBox';
import { ErrorBox } from '../../components/ErrorBox';
import { ModalDialog } from '../../components/ModalDialog';
import { invoke, toErrorShape } from '../../api';

function useAction() {
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(toErrorShape(error));
    } finally {
      setBusy(false);
    }
  };
  return { failure, busy, act };
}

export function DeleteGroupDialog({ clusterId, groupId, members, onClose, onDeleted }: { clusterId: string; groupId: string; members: number; onClose(): void; onDeleted(): void }) {
  const { failure, busy, act } = useAction();
  return (
    <ModalDialog label={`Delete ${groupId}`} onClose={onClose} initialFocus="button[data-cancel]">
      <h2>Delete group <span className="mono">{groupId}</span>?</h2>
      <p>Its committed offsets go with it: a consumer that joins it again starts where its auto.offset.reset says.{members ? ` It has ${members} member${members === 1 ? '' : 's'} now, so Kafka will refuse.` : ''}</p>
      {failure ? <ErrorBox error={failure} testId="delete-group-error" /> : null}
      <div className="dialog-actions">
        <button type="button" data-cancel onClick={onClose}>Cancel</button>
        <button type="button" className="danger" disabled={busy} data-testid="delete-group-confirm"
          onClick={() => void act(async () => {
            await invoke('groups:delete', { id: clusterId, groupId });
            onDeleted();
          })}>
          {busy ? 'Deleting…' : 'Delete group'}
        </button>
      </div>
    </ModalDialog>
  );
}

export function DeleteOffsetsDialog({ clusterId, groupId, topics, onClose, onDeleted }: { clusterId: string; groupId: string; topics: string[]; onClose(): void; onDeleted(topic: string, partitions: number[]): void }) {
  const { failure, busy, act } = useAction();
  const [topic, setTopic] = useState(topics[0] ?? '');
  return (
    <ModalDialog label={`Delete offsets of ${groupId}`} onClose={onClose} initialFocus="button[data-cancel]">
      <h2>Delete offsets of <span className="mono">{groupId}</span></h2>
      <p>The group forgets where it was on every partition of the topic; the records stay.</p>
      <div className="field">
        <label htmlFor="delete-offsets-topic">Topic</label>
        <select id="delete-offsets-topic" value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="delete-offsets-topic">
          {topics.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </div>
      {failure ? <ErrorBox error={failure} testId="delete-offsets-error" /> : null}
      <div className="dialog-actions">
        <button type="button" data-cancel onClick={onClose}>Cancel</button>
        <button type="button" className="danger" disabled={busy || !topic} data-testid="delete-offsets-confirm"
          onClick={() => void act(async () => {
            const { partitions } = await invoke('groups:deleteOffsets', { id: clusterId, groupId, topic });
            onDeleted(topic, partitions);
          })}>
          {busy ? 'Deleting…' : 'Delete offsets'}
        </button>
      </div>
    </ModalDialog>
  );
}
