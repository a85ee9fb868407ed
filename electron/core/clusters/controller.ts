// The cluster's active controller. Under ZooKeeper, Metadata names it; under KRaft, Metadata names
// a random broker instead (clients only need one to send admin requests to), and the active
// controller is the leader of the metadata quorum, which DescribeQuorum tells (Kafka 3.3 and later
// forward it from any broker to the controllers).
import {
  DescribeQuorumRequestSpec,
  DescribeQuorumResponseSpec,
  type DescribeQuorumRequest,
  type DescribeQuorumResponse,
} from '../../broker/protocol/messages.generated';
import { ANSWER_WITHIN_MS, within } from './every-broker';
import { api, type Wire } from './wire';

const describeQuorumApi = api<DescribeQuorumRequest, DescribeQuorumResponse>(DescribeQuorumRequestSpec, DescribeQuorumResponseSpec);

/** The node id of the active controller, or null when neither way tells. */
export async function activeController(wire: Wire, metadataControllerId: number): Promise<number | null> {
  try {
    // A controller that does not answer (the broker forwarding waits for it) must not hold the screen up.
    const { response } = await within(ANSWER_WITHIN_MS, wire.sendAny(describeQuorumApi, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] }, [0, 2]));
    const leader = response.topics[0]?.partitions[0];
    if (!response.errorCode && leader && !leader.errorCode && leader.leaderId >= 0) return leader.leaderId;
  } catch {
    // No KRaft quorum to ask (ZooKeeper, the sandbox), or not allowed to: Metadata's answer stands.
  }
  return metadataControllerId >= 0 ? metadataControllerId : null;
}
