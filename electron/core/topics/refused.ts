// A cluster's refusal of a change to a topic, in Kafka's words: its error name always, its own
// message when the answer carries one, and the form field it is about so the UI puts it there.
import { setTimeout as sleep } from 'node:timers/promises';
import { BrookError } from '../../../shared/errors';

export const unknownTopic = (topic: string): BrookError =>
  new BrookError({
    code: 'UNKNOWN_TOPIC',
    message: `Topic "${topic}" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)`,
    hint: 'It may have been deleted: go back to the list of topics and refresh it.',
  });

/** Kafka's answer `errorName` (with its `message`, if any) as an error; beside `field` when given. */
export function refused(topic: string, errorName: string, message: string | null | undefined, field?: string, hint = 'Change it and try again.'): BrookError {
  if (errorName === 'UNKNOWN_TOPIC_OR_PARTITION') return unknownTopic(topic);
  const text = `${message?.trim() || `The cluster refused the change to ${topic}`} (${errorName})`;
  return new BrookError({ code: field ? 'INVALID_INPUT' : 'KAFKA_ERROR', message: text, hint, ...(field ? { fields: { [field]: text } } : {}) });
}

/**
 * Reads until `done` says the change is seen, at most `timeoutMs`, and returns the last reading.
 * A change Kafka's controller has committed reaches each broker's metadata a moment later, and
 * the screen must show what was done, not what was there before.
 */
export async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(150);
  }
}
