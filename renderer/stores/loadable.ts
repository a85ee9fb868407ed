// The shape every domain store gives what it loads, so every screen shows loading, failure and data
// the same way: the last data stays on screen while a refresh runs or after one fails.
import type { BrookErrorShape } from '../../shared/errors';
import { toErrorShape } from '../api';

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading'; data?: T }
  | { state: 'ok'; data: T; at: number }
  | { state: 'error'; error: BrookErrorShape; data?: T };

export const dataOf = <T>(l: Loadable<T>): T | undefined => (l.state === 'idle' ? undefined : l.data);

/** Fetches into a Loadable through `set`, keeping the last data on screen while loading and after a failure. */
export async function loadInto<T>(before: Loadable<T> | undefined, fetch: () => Promise<T>, set: (next: Loadable<T>) => void): Promise<void> {
  const data = before ? dataOf(before) : undefined;
  const kept = data !== undefined ? { data } : {};
  set({ state: 'loading', ...kept });
  try {
    set({ state: 'ok', data: await fetch(), at: Date.now() });
  } catch (error) {
    set({ state: 'error', error: toErrorShape(error), ...kept });
  }
}
