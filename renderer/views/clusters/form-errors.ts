// Field messages keyed by the schema's paths (bootstrapServers.2, tls.caFile, sasl.password), from
// the form's own check or from core, gathered under the form's fields. Several paths can share a
// field: each bad bootstrap server has its own message, and the servers field shows them all.

export type FormErrors = Record<string, string[]>;

const fieldOf: Record<string, string> = {
  'tls.caFile': 'caFile',
  'tls.certFile': 'certFile',
  'tls.keyFile': 'keyFile',
  'sasl.username': 'username',
  'sasl.password': 'password',
  'sasl.mechanism': 'mechanism',
};

/** The form field a schema path belongs to. */
export function formField(path: string): string {
  if (path === 'bootstrapServers' || path.startsWith('bootstrapServers.')) return 'servers';
  return fieldOf[path] ?? path;
}

/** Messages by form field, in the order given (the schema reports servers in the order typed). */
export function formErrors(fields: Record<string, string>): FormErrors {
  const found: FormErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const list = (found[formField(path)] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return found;
}
