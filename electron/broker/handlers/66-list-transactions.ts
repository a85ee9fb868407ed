// ListTransactions (key 66), v0-1: every transactional id of the coordinator, filtered by state
// names, producer ids and (v1, KIP-994) durationFilter: only transactions running longer than that
// many ms. A state filter that names no state Kafka has is listed in unknownStateFilters and
// matches nothing.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { TXN_STATE_NAMES, TxnState } from '../transactions/txn-log-records';
import { txnStateName } from '../transactions/coordinator';

const KNOWN_STATES = new Set(Object.values(TXN_STATE_NAMES));

export default defineHandler({
  apiKey: ApiKey.ListTransactions,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker, version }) {
    const now = Date.now();
    const states = new Set(request.stateFilters);
    const producers = new Set(request.producerIdFilters);
    const minDuration = version >= 1 ? request.durationFilter : -1n;
    const transactionStates = [];
    for (const m of broker.transactions.all()) {
      const state = txnStateName(m);
      if (states.size > 0 && !states.has(state)) continue;
      if (producers.size > 0 && !producers.has(m.producerId)) continue;
      if (minDuration >= 0n && (m.state !== TxnState.Ongoing || BigInt(now - m.startTimestamp) <= minDuration)) continue;
      transactionStates.push({ transactionalId: m.transactionalId, producerId: m.producerId, transactionState: state });
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      unknownStateFilters: request.stateFilters.filter((s) => !KNOWN_STATES.has(s)),
      transactionStates,
    };
  },
});
