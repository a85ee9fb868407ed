// Why the read failed, where the user looks, with the next step: a topic deleted while browsed
// (back to the topics), a broker down or an offset out of range (read again), anything else as
// core said it. A filter condition core refused is shown under the condition instead.
import { ErrorBox } from '../../components/ErrorBox';
import { useApp } from '../../stores/app';
import { useMessages } from '../../stores/messages';

export function ReadError({ clusterId, topic, onRetry }: { clusterId: string; topic: string; onRetry(): void }) {
  const error = useMessages((s) => s.error);
  const go = useApp((s) => s.go);
  if (!error) return null;
  const fields = Object.keys(error.fields ?? {});
  if (fields.length && fields.every((f) => f.startsWith('filter.'))) return null;
  const gone = error.code === 'UNKNOWN_TOPIC';
  return (
    <ErrorBox
      error={gone ? { ...error, message: `The topic "${topic}" does not exist (any more)`, hint: error.hint ?? 'It was deleted, perhaps by someone else. What was read stays in the table.' } : error}
      testId="read-error"
      actions={
        <>
          {gone ? <button type="button" onClick={() => go({ kind: 'cluster', clusterId, section: 'topics' })}>See the topics</button> : null}
          <button type="button" onClick={onRetry}>Read again</button>
        </>
      }
    />
  );
}
