// The shape every domain store gives what it loads, so every screen shows loading, failure and data
// the same way: the last data stays on screen while a refresh runs or after one fails.
import type { BrookErrorShape } from '../../shared/errors';

export type Loadable<T> =
  | { state: 'idle' }
  | { state: 'loading'; data?: T }
  | { state: 'ok'; data: T; at: number }
  | { state: 'error'; error: BrookErrorShape; data?: T };

export const dataOf = <T>(l: Loadable<T>): T | undefined => (l.state === 'idle' ? undefined : l.data);
