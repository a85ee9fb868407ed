// The cluster form's field messages: every bad bootstrap server is named, each once, beside the
// servers field, whether the form's own check or core found them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrors, invalidInput } from '../../shared/errors';
import { ClusterDraft } from '../../shared/model';
import { formErrors, formField } from '../../renderer/views/clusters/form-errors';

const draft = { name: 'Broken', bootstrapServers: ['good:9092', 'kafka-1', 'kafka-2:70000', 'good:9093', '[::1]:0'], securityProtocol: 'SASL_SSL' as const };

test('each bad bootstrap server gets its own message, in the order typed', () => {
  const parsed = ClusterDraft.safeParse(draft);
  assert.equal(parsed.success, false);
  const errors = formErrors(fieldErrors(parsed.error!));
  assert.deepEqual(errors.servers, [
    '"kafka-1" is not host:port (for example localhost:9092)',
    'Port 70000 is out of range (1-65535) in "kafka-2:70000"',
    'Port 0 is out of range (1-65535) in "[::1]:0"',
  ]);
  assert.deepEqual(errors.username, ['SASL needs a mechanism and a user name']);
});

test("core's field messages land on the same fields", () => {
  const shape = invalidInput(ClusterDraft.safeParse(draft).error!).toShape();
  assert.equal(formErrors(shape.fields!).servers?.length, 3);
  assert.deepEqual(formErrors({ 'bootstrapServers.0': 'same', 'bootstrapServers.1': 'same' }), { servers: ['same'] }, 'a message is shown once');
  assert.deepEqual(formErrors({ bootstrapServers: 'Add at least one bootstrap server' }), { servers: ['Add at least one bootstrap server'] });
});

test('schema paths map to the form fields', () => {
  assert.equal(formField('tls.caFile'), 'caFile');
  assert.equal(formField('sasl.password'), 'password');
  assert.equal(formField('name'), 'name');
  assert.equal(formField('bootstrapServersExtra'), 'bootstrapServersExtra');
});
