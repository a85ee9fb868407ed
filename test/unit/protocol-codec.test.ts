import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../../electron/broker/protocol/codec';
import { Reader } from '../../electron/broker/protocol/reader';
import { decodeRequestHeader } from '../../electron/broker/protocol/headers';
import * as messages from '../../electron/broker/protocol/messages.generated';
import type { MessageSpec } from '../../electron/broker/protocol/schema';

const specs = Object.entries(messages)
  .filter(([name]) => name.endsWith('Spec'))
  .map(([, spec]) => spec as MessageSpec);

test('every message of every version round trips from its defaults', () => {
  let checked = 0;
  for (const spec of specs) {
    if (!spec.valid) continue;
    for (let v = spec.valid[0]; v <= spec.valid[1]; v++) {
      const bytes = encode(spec, v, {}).toBuffer();
      const r = new Reader(bytes);
      const decoded = decode(spec, v, r);
      assert.equal(r.remaining, 0, `${spec.name} v${v} leaves bytes`);
      assert.deepEqual(encode(spec, v, decoded as never).toBuffer(), bytes, `${spec.name} v${v}`);
      checked++;
    }
  }
  assert.ok(checked > 500, `checked ${checked} message versions`);
});

test('a librdkafka ApiVersions v3 request decodes (header v2, compact strings, tagged fields)', () => {
  // Bytes as librdkafka 2.0 sends them: legacy client id string inside the flexible header.
  const frame = Buffer.from(
    '0012' + '0003' + '00000001' + '0004' + '6b636174' + '00' + '0b' + '6c696272646b61666b61' + '06' + '322e302e32' + '00',
    'hex',
  );
  const r = new Reader(frame);
  const header = decodeRequestHeader(r, 2);
  assert.deepEqual(header, { requestApiKey: 18, requestApiVersion: 3, correlationId: 1, clientId: 'kcat' });
  const body = decode<messages.ApiVersionsRequest>(messages.ApiVersionsRequestSpec, 3, r);
  assert.equal(body.clientSoftwareName, 'librdkafka');
  assert.equal(body.clientSoftwareVersion, '2.0.2');
  assert.equal(r.remaining, 0);
});

test('tagged fields are written only when not default, in tag order, and unknown ones are skipped', () => {
  const spec = messages.ApiVersionsResponseSpec;
  const plain = encode(spec, 3, { errorCode: 0, apiKeys: [] }).toBuffer();
  assert.equal(plain.toString('hex'), '0000' + '01' + '00000000' + '00');
  const withTags = encode(spec, 3, {
    errorCode: 0,
    apiKeys: [],
    finalizedFeaturesEpoch: 5n,
    supportedFeatures: [{ name: 'metadata.version', minVersion: 1, maxVersion: 20 }],
  }).toBuffer();
  const decoded = decode<messages.ApiVersionsResponse>(spec, 3, new Reader(withTags));
  assert.equal(decoded.finalizedFeaturesEpoch, 5n);
  assert.equal(decoded.supportedFeatures[0].name, 'metadata.version');
  // tag 0 (supportedFeatures) comes before tag 1 (finalizedFeaturesEpoch)
  const tail = withTags.subarray(plain.length - 1);
  assert.equal(tail[0], 2, 'two tagged fields');
  assert.equal(tail[1], 0, 'first tag is 0');
  // An unknown tag (7) with 2 bytes is skipped.
  const unknown = Buffer.concat([plain.subarray(0, plain.length - 1), Buffer.from('010702abcd', 'hex')]);
  const r = new Reader(unknown);
  decode(spec, 3, r);
  assert.equal(r.remaining, 0);
});

test('records attach by reference and nullable fields refuse null where the version forbids it', () => {
  const records = Buffer.alloc(10_000, 9);
  const w = encode(messages.ProduceRequestSpec, 3, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 't', partitionData: [{ index: 0, records }] }],
  });
  assert.ok(w.toChunks().includes(records));
  const back = decode<messages.ProduceRequest>(messages.ProduceRequestSpec, 3, new Reader(w.toBuffer()));
  assert.deepEqual(back.topicData[0].partitionData[0].records, records);
  assert.throws(() => encode(messages.MetadataResponseSpec, 1, { brokers: [{ nodeId: 1, host: null as never, port: 1 }] }));
});

test('fields missing from an older version decode as their defaults', () => {
  const bytes = encode(messages.ProduceResponseSpec, 1, { responses: [{ name: 't', partitionResponses: [{ index: 0 }] }] }).toBuffer();
  const decoded = decode<messages.ProduceResponse>(messages.ProduceResponseSpec, 1, new Reader(bytes));
  assert.equal(decoded.responses[0].partitionResponses[0].logAppendTimeMs, -1n);
  assert.equal(decoded.responses[0].partitionResponses[0].logStartOffset, -1n);
});
