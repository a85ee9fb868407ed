// Push events, core -> UI. Same pattern as the contract: name -> payload schema.
import { z } from 'zod';
import { ClusterSummary, SandboxStatus } from './model';

export const events = {
  /** The sandbox changed state (starting, running, stopped, failed) or its demo counter moved. */
  'sandbox:status': SandboxStatus,
  /** The saved profiles changed (saved, removed, or the sandbox updated its address). */
  'clusters:changed': z.array(ClusterSummary),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
