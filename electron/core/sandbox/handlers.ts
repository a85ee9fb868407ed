// sandbox:* handlers.
import type { Platform } from '../context';
import type { Handlers } from '../registry';
import type { SandboxManager } from './manager';
import { mkdirSync } from 'node:fs';

type SandboxHandlers = Pick<Handlers, 'sandbox:status' | 'sandbox:start' | 'sandbox:stop' | 'sandbox:restart' | 'sandbox:reset' | 'sandbox:demo' | 'sandbox:openDataFolder'>;

export function sandboxHandlers(sandbox: SandboxManager, platform: Platform): SandboxHandlers {
  return {
    'sandbox:status': () => sandbox.get(),
    'sandbox:start': ({ demo }) => sandbox.start(demo),
    'sandbox:stop': () => sandbox.stop(),
    'sandbox:restart': () => sandbox.restart(),
    'sandbox:reset': () => sandbox.reset(),
    'sandbox:demo': ({ enabled }) => sandbox.setDemo(enabled),
    // Only for a caller on this machine: a browser elsewhere would be told "opened" about a window on a screen it cannot see.
    'sandbox:openDataFolder': async (_input, caller) => {
      const path = sandbox.get().dataDir;
      mkdirSync(path, { recursive: true });
      return { opened: caller.local && (await platform.openPath(path)), path };
    },
  };
}
