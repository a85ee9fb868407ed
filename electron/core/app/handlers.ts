// app:* handlers.
import type { CoreOptions } from '../context';
import type { Handlers } from '../registry';

export function appHandlers(options: CoreOptions, notices: () => string[]): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => ({
      version: options.version ?? '0.0.0',
      mode: options.platform.mode,
      userDataDir: options.userDataDir,
      secrets: { kind: options.secretBox.kind, description: options.secretBox.description },
      notices: notices(),
    }),
  };
}
