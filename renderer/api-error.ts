// The error every call of the api client rejects with, carrying the shared shape for display.
import type { BrookErrorShape } from '../shared/errors';

export class ApiError extends Error {
  constructor(readonly shape: BrookErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
  }
}
