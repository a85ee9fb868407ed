// What core needs from its host (Electron main or serve), injected so core never imports electron.
import type { EventName, EventPayload } from '../../shared/events';
import type { Logger } from './logger';

/** Encrypts secrets at rest. Electron passes safeStorage; serve passes a key file (see secrets.ts). */
export interface SecretBox {
  readonly kind: 'os-keychain' | 'key-file' | 'plain';
  /** One sentence for the UI on where secrets are kept. */
  readonly description: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** Things only the host can do. */
export interface Platform {
  mode: 'desktop' | 'browser';
  /** Open a folder in the OS file manager; resolves false when it cannot. */
  openPath(path: string): Promise<boolean>;
}

/** Who made a request, as far as the transport can tell. */
export interface Caller {
  /** On this machine: the desktop window, or a browser at a loopback or local address. */
  local: boolean;
}

export interface CoreOptions {
  userDataDir: string;
  secretBox: SecretBox;
  platform: Platform;
  logger: Logger;
  version?: string;
  /** Where the sandbox's probing starts (default 9092; tests pass a free port). */
  sandboxBasePort?: number;
  /** Path to the bundled broker CLI (default: dist/broker/cli.js found from this file upward). */
  brokerCli?: string;
}

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
