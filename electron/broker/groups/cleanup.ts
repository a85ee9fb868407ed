// The coordinator's periodic check (Kafka's cleanupGroupMetadata, every
// offsets.retention.check.interval.ms): expire offsets past offsets.retention.minutes, then remove
// the groups left Empty with no offsets (a group metadata tombstone each), then compact
// __consumer_offsets when it is due.
import type { GroupCoordinator } from './coordinator';
import type { OffsetStore } from './offsets';

/** Kafka's offsets.retention.check.interval.ms default. */
export const OFFSETS_CHECK_INTERVAL_MS = 600_000;

export function cleanupGroupMetadata(
  offsets: OffsetStore,
  groups: GroupCoordinator,
  log: (line: string) => void,
  nowMs = Date.now(),
): void {
  offsets.expire(nowMs);
  for (const group of groups.list()) {
    if (group.state !== 'Empty' || offsets.hasOffsets(group.groupId)) continue;
    try {
      if (groups.delete(group.groupId, nowMs) === 0) log(`group ${group.groupId}: Empty with no offsets, removed`);
    } catch (err) {
      log(`removing Empty group ${group.groupId} failed: ${(err as Error).message}`);
    }
  }
  offsets.offsetsLog.compactIfDue(nowMs);
}

/** Runs the check every intervalMs (unref'd); clear the returned timer to stop it. */
export function startGroupMetadataCleanup(
  offsets: OffsetStore,
  groups: GroupCoordinator,
  log: (line: string) => void,
  intervalMs = OFFSETS_CHECK_INTERVAL_MS,
): NodeJS.Timeout {
  return setInterval(() => cleanupGroupMetadata(offsets, groups, log), intervalMs).unref();
}
