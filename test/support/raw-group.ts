// A classic group member spoken with the raw client (JoinGroup v5 with MEMBER_ID_REQUIRED, then
// SyncGroup as leader), for the group tests.
import assert from 'node:assert/strict';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import type { RawClient } from './raw-client';

export const protocols = (name = 'range') => [{ name, metadata: Buffer.from([0, 1]) }];
export const joinRequest = (groupId: string, memberId = '', protocolType = 'consumer', sessionTimeoutMs = 10_000) => ({
  groupId,
  sessionTimeoutMs,
  rebalanceTimeoutMs: 10_000,
  memberId,
  groupInstanceId: null,
  protocolType,
  protocols: protocols(),
});

/** JoinGroup v5 twice (MEMBER_ID_REQUIRED, then with the id) and SyncGroup as leader, assigning itself `assignment`. */
export async function joinAlone(c: RawClient, groupId: string, sessionTimeoutMs = 10_000, assignment = 'mine') {
  const first = await c.request(ApiKey.JoinGroup, 5, joinRequest(groupId, '', 'consumer', sessionTimeoutMs));
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
  assert.match(first.memberId, /^raw-client-[0-9a-f-]{36}$/);
  const joined = await c.request(ApiKey.JoinGroup, 5, joinRequest(groupId, first.memberId, 'consumer', sessionTimeoutMs));
  assert.equal(joined.errorCode, ErrorCode.NONE);
  assert.equal(joined.leader, first.memberId);
  assert.equal(joined.protocolName, 'range');
  assert.deepEqual(joined.members.map((m) => m.memberId), [first.memberId]);
  const synced = await c.request(ApiKey.SyncGroup, 3, {
    groupId,
    generationId: joined.generationId,
    memberId: joined.memberId,
    assignments: [{ memberId: joined.memberId, assignment: Buffer.from(assignment) }],
  });
  assert.equal(synced.errorCode, ErrorCode.NONE);
  assert.equal(synced.assignment.toString(), assignment);
  return joined;
}
