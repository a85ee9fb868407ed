// How a topic form shows a failed call: Kafka's refusal of one field beside it, anything else in
// the form's error box.
import type { BrookErrorShape } from '../../../shared/errors';
import { ApiError, toErrorShape } from '../../api';

export interface FormFailure {
  fields: Record<string, string>;
  failure: BrookErrorShape | null;
}

export function formFailure(error: unknown): FormFailure {
  const shape = toErrorShape(error);
  if (error instanceof ApiError && shape.fields && Object.keys(shape.fields).length) return { fields: shape.fields, failure: null };
  return { fields: {}, failure: shape };
}
