// Exposes window.brook.{invoke, on, send, onMessage} and nothing else. Channels and events are allow-listed from
// the contract: build/build-app.mjs reads its keys and inlines them here, so this stays a few
// lines with no schema library in the privileged context. on() returns an unsubscribe function
// and never hands the IPC event to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Channel } from '../shared/contract';
import type { EventName } from '../shared/events';
import { LIVE_CHANNEL, type BrookBridge, type Result } from '../shared/result';

declare const __BROOK_CHANNELS__: Channel[];
declare const __BROOK_EVENTS__: EventName[];

const allowedChannels = new Set<string>(__BROOK_CHANNELS__);
const allowedEvents = new Set<string>(__BROOK_EVENTS__);

const bridge: BrookBridge = {
  invoke(channel, input) {
    if (!allowedChannels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${channel}` } });
    }
    return ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>;
  },
  on(event, listener) {
    if (!allowedEvents.has(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  // Only plain data crosses; main validates every message against shared/session.ts.
  send(message) {
    ipcRenderer.send(LIVE_CHANNEL, message);
  },
  onMessage(listener) {
    const wrapped = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(LIVE_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(LIVE_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('brook', bridge);
