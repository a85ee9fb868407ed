// The leader epoch check of Fetch and ListOffsets (KIP-320): a client names the leader epoch it
// believes current, and the leader refuses one that differs from its own. The sandbox's single
// leader never changes epoch (LEADER_EPOCH); -1 means the client does not know and skips the check.
import { ErrorCode } from '../protocol/errors';
import { LEADER_EPOCH } from '../log';

/** NONE, FENCED_LEADER_EPOCH (an older epoch) or UNKNOWN_LEADER_EPOCH (a newer one), as Kafka answers. */
export function leaderEpochError(currentLeaderEpoch: number): number {
  if (currentLeaderEpoch === -1 || currentLeaderEpoch === LEADER_EPOCH) return ErrorCode.NONE;
  return currentLeaderEpoch < LEADER_EPOCH ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
}
