// Exposes window.brook.{invoke, on} and nothing else. Channels and events are allow-listed from
// the contract; on() returns an unsubscribe function and never hands the IPC event to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, type Channel } from '../shared/contract';
import { eventNames, type EventName } from '../shared/events';
import type { BrookBridge, Result } from '../shared/result';

const allowedChannels = new Set<string>(channels);
const allowedEvents = new Set<string>(eventNames);

const bridge: BrookBridge = {
  invoke(channel, input) {
    if (!allowedChannels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${channel}` } });
    }
    return ipcRenderer.invoke(channel as Channel, input) as Promise<Result<unknown>>;
  },
  on(event, listener) {
    if (!allowedEvents.has(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event as EventName, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('brook', bridge);
