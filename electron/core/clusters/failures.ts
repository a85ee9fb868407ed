// Maps whatever went wrong reaching a cluster (a Node socket error, a TLS error, a kafkajs error,
// our own probe's findings) to one of the shared codes, with a message and a next step in words a
// user can act on.
import type { ErrorCode } from '../../../shared/errors';
import type { ConnectionSpec } from './connection';

export interface Failure {
  code: ErrorCode;
  message: string;
  hint: string;
  detail: string;
}

interface Where {
  server: string;
  spec: ConnectionSpec;
  stage: string;
  /** The topic the call was about, when it was about one. */
  topic?: string;
}

const certCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * The chain of causes of an error: kafkajs nests them in cause / originalError, and an admin call
 * over several topics (createTopics) throws a KafkaJSAggregateError whose `errors` are the
 * broker's answers, of which the first stands for all.
 */
function chain(error: unknown): Array<Error & { code?: string; name: string }> {
  const out: Array<Error & { code?: string }> = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 8 && !out.includes(current as Error)) {
    out.push(current as Error & { code?: string });
    const next = current as { cause?: unknown; originalError?: unknown; errors?: unknown };
    current = next.cause ?? next.originalError ?? (Array.isArray(next.errors) ? next.errors[0] : undefined);
  }
  return out;
}

export function describeFailure(error: unknown, where: Where): Failure {
  const errors = chain(error);
  // Kafka's own error names (kafkajs keeps them in `type`, e.g. UNKNOWN_TOPIC_OR_PARTITION) go in the detail.
  const detail = errors.map((e) => `${e.name}: ${e.message}${e.code ? ` (${e.code})` : ''}${(e as { type?: string }).type ? ` [${(e as { type?: string }).type}]` : ''}`).join(' <- ') || String(error);
  const codes = errors.map((e) => e.code).filter((c): c is string => typeof c === 'string');
  const names = errors.map((e) => e.name);
  const messages = errors.map((e) => e.message ?? '').join(' | ');
  const { server } = where;
  const host = server.slice(0, server.lastIndexOf(':'));
  const tlsOn = Boolean(where.spec.tls);
  const fail = (code: ErrorCode, message: string, hint: string): Failure => ({ code, message, hint, detail });

  if (codes.includes('BROOK_TIMEOUT') || names.includes('KafkaJSRequestTimeoutError') || /timeout|timed out/i.test(messages) && !codes.includes('ECONNREFUSED')) {
    return fail('TIMEOUT', `${server} did not answer in time (stopped at ${where.stage})`, 'Check the address and port, that a firewall or VPN lets you through, and that the broker is up.');
  }
  if (codes.includes('ECONNREFUSED')) {
    return fail('CONNECTION_REFUSED', `Connection refused by ${server}: nothing is listening there`, 'Check the port, and that the broker is running (for the sandbox, press Start).');
  }
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME' || c === 'EAI_FAIL')) {
    return fail('DNS_NOT_FOUND', `The host name "${host}" could not be resolved`, 'Check the spelling of the host, your DNS or VPN, or use an IP address.');
  }
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH')) {
    return fail('CONNECTION_REFUSED', `${server} cannot be reached from this machine (no route)`, 'Check your network, VPN or firewall.');
  }
  if (codes.includes('BROOK_EXPECTS_TLS')) {
    return fail('TLS_HANDSHAKE', `${server} expects TLS, but this profile connects without it`, 'Choose SSL or SASL_SSL as the security protocol, or use the broker\'s plaintext port.');
  }
  const cert = codes.find((c) => certCodes.has(c));
  if (cert) {
    const why =
      cert === 'DEPTH_ZERO_SELF_SIGNED_CERT' || cert === 'SELF_SIGNED_CERT_IN_CHAIN' ? 'is self-signed and not trusted'
      : cert === 'CERT_HAS_EXPIRED' ? 'has expired'
      : cert === 'CERT_NOT_YET_VALID' ? 'is not valid yet'
      : cert === 'ERR_TLS_CERT_ALTNAME_INVALID' || cert === 'HOSTNAME_MISMATCH' ? `does not name the host "${host}"`
      : 'is not signed by a CA this profile trusts';
    return fail('TLS_CERTIFICATE', `The certificate of ${server} ${why}`, cert === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'Connect with the host name on the certificate, or ask for a certificate that includes this one.' : 'Set the CA file to the PEM of the CA that signed the broker\'s certificate.');
  }
  if (names.includes('KafkaJSSASLAuthenticationError') || /SASL|authentication/i.test(messages) && !/ECONN/.test(messages)) {
    const mechanism = where.spec.sasl?.mechanism ?? 'SASL';
    return fail('SASL_AUTHENTICATION', `The broker rejected the ${mechanism} login${where.spec.sasl ? ` for "${where.spec.sasl.username}"` : ''}`, 'Check the user name, the password and the mechanism the cluster is configured for.');
  }
  if (tlsOn && (where.stage === 'tls' || codes.some((c) => c === 'EPROTO' || c?.startsWith('ERR_SSL') || c === 'ECONNRESET'))) {
    return fail('TLS_HANDSHAKE', `The TLS handshake with ${server} failed`, 'Check that this port serves TLS (if the broker listens in plaintext, choose PLAINTEXT or SASL_PLAINTEXT), and the client certificate if the broker requires one.');
  }
  if (codes.includes('BROOK_NOT_KAFKA') || names.includes('KafkaJSProtocolError') && /Response without match|corrupt/i.test(messages)) {
    return fail('NOT_KAFKA', `${server} answered, but it is not a Kafka broker (${errors[0]?.message ?? 'unexpected answer'})`, 'Check the port: this may be a web server, or another service. Kafka usually listens on 9092 (or 9093 for TLS).');
  }
  if (codes.includes('ECONNRESET') || names.includes('KafkaJSConnectionClosedError')) {
    return fail('NOT_KAFKA', `${server} closed the connection without speaking Kafka`, 'Check the port, and whether this listener needs TLS or SASL.');
  }
  // A broker's answer: kafkajs's KafkaJSProtocolError and its kinds (KafkaJSCreateTopicError, ...)
  // carry Kafka's error name in `type`.
  const answer = errors.find((e) => (e as { type?: string }).type);
  if (answer || names.includes('KafkaJSProtocolError')) {
    const kafkaName = (answer as { type?: string } | undefined)?.type;
    if (kafkaName === 'UNKNOWN_TOPIC_OR_PARTITION' && where.topic !== undefined) {
      return fail('UNKNOWN_TOPIC', `Topic "${where.topic}" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)`, 'It may have been deleted, or not created yet: refresh the list of topics.');
    }
    return fail('KAFKA_ERROR', `The broker answered with an error${kafkaName ? ` ${kafkaName}` : ''}: ${(answer ?? errors[0])?.message}`, 'See the detail; the cluster may need a different configuration or permissions.');
  }
  return fail('CONNECTION_FAILED', `Could not connect to ${server}: ${errors[0]?.message ?? String(error)}`, 'Check the address, port and security settings.');
}
