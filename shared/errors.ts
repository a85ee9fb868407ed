// One serialisable error shape for everything that crosses the boundary between core and the UI.
// Every code names something a user can act on; `hint` says what to do next, `fields` carries
// field-level messages for forms (keys are dotted paths into the input, e.g. "tls.caFile").
import { z } from 'zod';

export const errorCodes = [
  'INVALID_INPUT', // the input failed validation; see `fields`
  'UNKNOWN_CHANNEL', // the UI asked for a channel the contract does not have
  'FORBIDDEN', // the request came from a frame or client that is not ours
  'NOT_FOUND', // a cluster profile (or other named thing) does not exist
  'CONNECTION_REFUSED', // nothing listens at host:port
  'CONNECTION_FAILED', // the connection failed for another reason; see the detail
  'DNS_NOT_FOUND', // the host name does not resolve
  'TIMEOUT', // no answer within the time allowed
  'TLS_HANDSHAKE', // the TLS handshake failed (e.g. TLS against a plaintext port)
  'TLS_CERTIFICATE', // the server's certificate was not trusted or did not match
  'SASL_AUTHENTICATION', // the broker rejected the user name, password or mechanism
  'NOT_KAFKA', // something answered, but it does not speak the Kafka protocol
  'FILE_UNREADABLE', // a CA, certificate or key file cannot be read
  'PROFILE_CORRUPT', // the saved profiles file could not be parsed and was set aside
  'SECRET_UNAVAILABLE', // a stored secret cannot be decrypted on this machine
  'SANDBOX_NOT_BUILT', // the sandbox broker bundle is missing
  'SANDBOX_DATA_LOCKED', // another broker holds the sandbox data directory
  'SANDBOX_FAILED', // the sandbox broker could not start or stopped unexpectedly
  'KAFKA_ERROR', // the broker answered with a Kafka error
  'UNKNOWN_TOPIC', // the topic does not exist (or no longer does)
  'UNKNOWN_GROUP', // the consumer group does not exist (or no longer does)
  'CANCELLED', // the caller cancelled the stream, or went away
  'INTERNAL', // a bug in Brook: the detail says where
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const BrookErrorShape = z.object({
  code: ErrorCode,
  /** What failed, in words a user reads. */
  message: z.string(),
  /** The next step. */
  hint: z.string().optional(),
  /** Technical detail (the underlying error), for a "details" disclosure. */
  detail: z.string().optional(),
  /** Field-level messages for forms, by dotted input path. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type BrookErrorShape = z.infer<typeof BrookErrorShape>;

/** An Error carrying the shared shape; core handlers throw it, the registry serialises it. */
export class BrookError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(shape: BrookErrorShape) {
    super(shape.message);
    this.name = 'BrookError';
    this.code = shape.code;
    this.hint = shape.hint;
    this.detail = shape.detail;
    this.fields = shape.fields;
  }

  toShape(): BrookErrorShape {
    const shape: BrookErrorShape = { code: this.code, message: this.message };
    if (this.hint !== undefined) shape.hint = this.hint;
    if (this.detail !== undefined) shape.detail = this.detail;
    if (this.fields !== undefined) shape.fields = this.fields;
    return shape;
  }
}

/** Field-level messages from a zod error, keyed by dotted path ("" for the root). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError): BrookError {
  const fields = fieldErrors(error);
  const first = Object.entries(fields)[0];
  return new BrookError({
    code: 'INVALID_INPUT',
    message: first ? `${first[0] || 'input'}: ${first[1]}` : 'The input is not valid',
    hint: 'Correct the highlighted fields and try again.',
    fields,
  });
}
