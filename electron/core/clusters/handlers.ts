// clusters:* handlers: saved profiles, Test connection, describe.
import { BrookError } from '../../../shared/errors';
import type { ClusterDraftParsed } from '../../../shared/model';
import type { Emit } from '../context';
import type { Logger } from '../logger';
import type { Handlers } from '../registry';
import { connectionSpec } from './connection';
import type { ClusterStore } from './store';
import { testConnection } from './test-connection';

type ClusterHandlers = Pick<Handlers, 'clusters:list' | 'clusters:save' | 'clusters:remove' | 'clusters:test' | 'clusters:describe'>;

export function clusterHandlers(store: ClusterStore, emit: Emit, logger: Logger): ClusterHandlers {
  const changed = () => emit('clusters:changed', store.list());

  /** Spec for a draft; a draft of a saved profile without a password uses the stored one. */
  const specFor = (draft: ClusterDraftParsed) => {
    let password = draft.sasl?.password;
    if (password === undefined && draft.id && store.has(draft.id)) password = store.password(store.get(draft.id));
    return connectionSpec(draft, password);
  };

  return {
    'clusters:list': () => store.list(),

    'clusters:save': (draft) => {
      // Check files and credentials now, so the form shows the problem beside the field.
      const password = draft.sasl?.password ?? (draft.id && store.has(draft.id) ? store.password(store.get(draft.id)) : undefined);
      if (draft.securityProtocol.startsWith('SASL') && !password) {
        throw new BrookError({ code: 'INVALID_INPUT', message: 'Enter the SASL password', fields: { 'sasl.password': 'Enter the SASL password' } });
      }
      connectionSpec(draft, password);
      const saved = store.save(draft);
      changed();
      return saved;
    },

    'clusters:remove': ({ id }) => {
      const removed = store.remove(id);
      if (removed) changed();
      return { removed };
    },

    'clusters:test': async ({ id, draft, timeoutMs }) => {
      let spec;
      if (draft) spec = specFor(draft);
      else if (id) {
        const profile = store.get(id);
        spec = connectionSpec(profile, store.password(profile));
      } else {
        throw new BrookError({ code: 'INVALID_INPUT', message: 'Choose a saved cluster or fill in the form', fields: { id: 'Choose a cluster' } });
      }
      return testConnection(spec, timeoutMs, logger);
    },

    'clusters:describe': async ({ id }) => {
      const profile = store.get(id);
      const result = await testConnection(connectionSpec(profile, store.password(profile)), 10_000, logger);
      if (!result.ok || !result.cluster) {
        const e = result.error;
        throw new BrookError({
          code: (e?.code as BrookError['code']) ?? 'CONNECTION_FAILED',
          message: e?.message ?? `Could not reach ${profile.name}`,
          ...(e?.hint ? { hint: e.hint } : {}),
          ...(e?.detail ? { detail: e.detail } : {}),
        });
      }
      return result.cluster;
    },
  };
}
