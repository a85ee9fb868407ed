// Shared by the admin handlers: a refusal carrying Kafka's error name and message, the checks of a
// manual replica list (CreateTopics, CreatePartitions) on a one-broker cluster, and the resource
// lookup and apply step that AlterConfigs and IncrementalAlterConfigs have in common.
import { ErrorCode, type ErrorName } from '../protocol/errors';
import { ResourceType, brokerResourceProblem } from '../topic-configs';
import { topicNameProblem } from '../topic-names';
import type { Broker } from '../broker';

/** Thrown inside an admin handler to answer one resource with an error code and message. */
export class Refused extends Error {
  constructor(
    readonly errorName: ErrorName,
    message: string,
  ) {
    super(message);
  }
}

/** A manual replica list: non-empty, no broker twice, only this node (Kafka's messages). */
export function checkReplicas(broker: Broker, brokerIds: readonly number[]): void {
  if (brokerIds.length === 0) throw new Refused('INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes an empty replica list.');
  const seen = new Set<number>();
  for (const id of brokerIds) {
    if (seen.has(id)) {
      throw new Refused('INVALID_REPLICA_ASSIGNMENT', `The manual partition assignment includes the broker ${id} more than once.`);
    }
    seen.add(id);
    if (id !== broker.nodeId) {
      throw new Refused('INVALID_REPLICA_ASSIGNMENT', `The manual partition assignment includes broker ${id}, but no such broker is registered.`);
    }
  }
}

/** An unexpected failure as a refusal, logged since the client only sees its message. */
export function asRefused(broker: Broker, err: unknown, what: string): Refused {
  if (err instanceof Refused) return err;
  const refused = new Refused('UNKNOWN_SERVER_ERROR', `${what} failed: ${(err as Error).message}`);
  broker.log(refused.message);
  return refused;
}

/** resourceType/resourceName of a config resource, as AlterConfigs and IncrementalAlterConfigs answer it. */
export interface ConfigResourceRef {
  resourceType: number;
  resourceName: string;
}

/** Resources named more than once in one request (Kafka refuses each of them). */
export function duplicateResources(resources: readonly ConfigResourceRef[]): Set<string> {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const r of resources) {
    const k = `${r.resourceType}:${r.resourceName}`;
    if (seen.has(k)) dupes.add(k);
    seen.add(k);
  }
  return dupes;
}

/**
 * Alters one config resource: a topic's overrides become what `change` makes of the current ones
 * (it throws Refused for a bad change); a broker of this node accepts no change (the sandbox reads
 * its settings at start only). Nothing is applied when validateOnly.
 */
export function alterConfigResource(
  broker: Broker,
  r: ConfigResourceRef,
  names: readonly string[],
  change: (current: Readonly<Record<string, string>>) => Record<string, string>,
  validateOnly: boolean,
  dupes: Set<string>,
): { errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string } {
  const base = { resourceType: r.resourceType, resourceName: r.resourceName };
  try {
    if (dupes.has(`${r.resourceType}:${r.resourceName}`)) throw new Refused('INVALID_REQUEST', 'Duplicate resource.');
    if (new Set(names).size !== names.length) throw new Refused('INVALID_REQUEST', 'Error due to duplicate config keys');
    switch (r.resourceType) {
      case ResourceType.TOPIC: {
        const problem = topicNameProblem(r.resourceName);
        if (problem) throw new Refused('INVALID_TOPIC_EXCEPTION', problem);
        const info = broker.logs.getTopic(r.resourceName);
        if (!info) throw new Refused('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${r.resourceName}' does not exist.`);
        const next = change(info.configs);
        if (!validateOnly) {
          broker.logs.alterTopicConfigs(info.name, next);
          broker.log(`altered configs of topic ${info.name}: ${JSON.stringify(next)}`);
        }
        break;
      }
      case ResourceType.BROKER: {
        const problem = brokerResourceProblem(r.resourceName, broker.nodeId);
        if (problem) throw new Refused('INVALID_REQUEST', problem);
        if (names.length > 0) {
          throw new Refused(
            'INVALID_REQUEST',
            `Cannot update these configs dynamically: ${names.join(', ')} (the sandbox broker reads its configuration only at start)`,
          );
        }
        break;
      }
      case ResourceType.BROKER_LOGGER:
        throw new Refused('INVALID_REQUEST', 'Unsupported resource type: BROKER_LOGGER (the sandbox broker has no loggers to alter)');
      default:
        throw new Refused('INVALID_REQUEST', `Unsupported resource type: ${r.resourceType}`);
    }
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null };
  } catch (err) {
    const refused = asRefused(broker, err, `altering configs of ${r.resourceName}`);
    return { ...base, errorCode: ErrorCode[refused.errorName], errorMessage: refused.message };
  }
}
