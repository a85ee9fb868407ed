// How a topic form runs its calls to the cluster: which step is under way (for the button's
// label), and a failure shown where it belongs: Kafka's refusal of one field beside it, anything
// else in the form's error box.
import { useState } from 'react';
import type { BrookErrorShape } from '../../../shared/errors';
import { ApiError, toErrorShape } from '../../api';

export interface FormFailure {
  fields: Record<string, string>;
  failure: BrookErrorShape | null;
}

const none: FormFailure = { fields: {}, failure: null };

export function formFailure(error: unknown): FormFailure {
  const shape = toErrorShape(error);
  if (error instanceof ApiError && shape.fields && Object.keys(shape.fields).length) return { fields: shape.fields, failure: null };
  return { fields: {}, failure: shape };
}

/** run(action) clears the last failure, lets the action name its steps (checking, saving ...), and keeps what failed. */
export function useFormRun<Step extends string>() {
  const [failed, setFailed] = useState<FormFailure>(none);
  const [busy, setBusy] = useState<Step | null>(null);
  const run = async (action: (step: (s: Step) => void) => Promise<void>) => {
    setFailed(none);
    try {
      await action(setBusy);
    } catch (error) {
      setFailed(formFailure(error));
    } finally {
      setBusy(null);
    }
  };
  /** A failure found before anything is sent (a field that is not a number ...). */
  const refuse = (fields: Record<string, string>) => setFailed({ fields, failure: null });
  return { busy, failed, run, refuse };
}
