// What the broker holds in memory for Produce: large requests are assembled in the broker's slabs,
// and each slab goes back to the pool once its request is handled. Reuse must never let one
// request's bytes overwrite another's before they are stored, so several connections pipeline
// large requests at once, and every batch is read back and compared with what was sent.
import { test } from 'node:test';
import { connect } from 'node:net';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { startTestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { buildBatch, simpleRecords } from '../unit/batch-builder';
import { iterateBatches } from '../../electron/broker/protocol/record-batch';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';

const CONNECTIONS = 3;
const REQUESTS = 20;

test('large Produce requests pipelined on several connections are assembled in reused slabs and stored byte for byte', async () => {
  const b = await startTestBroker();
  const broker = b.running.broker;
  try {
    broker.logs.createTopic('pooled', CONNECTIONS, {});
    const sent: Buffer[][] = Array.from({ length: CONNECTIONS }, () => []);
    await Promise.all(
      sent.map(async (batches, partition) => {
        const c = await RawClient.connect(b.port);
        try {
          const answers: Promise<Buffer | null>[] = [];
          for (let i = 0; i < REQUESTS; i++) {
            // ~200 KB each, different on every connection and request: a frame spans several reads.
            const batch = buildBatch({ records: simpleRecords(100, 2000, (partition * REQUESTS + i) * 100) });
            batches.push(batch);
            const body = { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'pooled', partitionData: [{ index: partition, records: batch }] }] };
            answers.push(c.sendFrame(RawClient.frame(ApiKey.Produce, 7, body, i + 1)));
          }
          const frames = await Promise.all(answers);
          frames.forEach((f, i) => {
            assert.ok(f, 'answered');
            const r = RawClient.decodeResponse(ApiKey.Produce, 7, f, i + 1);
            assert.equal(r.responses[0].partitionResponses[0].errorCode, ErrorCode.NONE);
          });
        } finally {
          c.close();
        }
      }),
    );
    const stats = broker.slabs.stats();
    assert.equal(stats.leased, 0, 'every slab is back once its request is handled');
    assert.ok(stats.allocated >= 1, 'the requests were assembled in slabs');
    assert.ok(stats.allocated <= 2 * CONNECTIONS, `${CONNECTIONS * REQUESTS} requests took ${stats.allocated} slabs`);

    const reader = await RawClient.connect(b.port);
    try {
      for (let partition = 0; partition < CONNECTIONS; partition++) {
        const r = await reader.request(ApiKey.Fetch, 11, {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 1,
          maxBytes: 64 << 20,
          isolationLevel: 0,
          sessionId: 0,
          sessionEpoch: -1,
          topics: [{ topic: 'pooled', partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 64 << 20 }] }],
          forgottenTopicsData: [],
          rackId: '',
        });
        const records = r.responses[0].partitions[0].records as Buffer;
        const stored = [...iterateBatches(records)].map(({ pos, header }) => records.subarray(pos, pos + header.size));
        assert.equal(stored.length, REQUESTS);
        // From the magic byte on, a stored batch is the produced one (base offset and leader epoch
        // before it are the broker's).
        stored.forEach((s, i) => assert.ok(s.subarray(16).equals(sent[partition][i].subarray(16)), `partition ${partition} batch ${i}`));
      }
    } finally {
      reader.close();
    }
  } finally {
    await b.stop();
  }
});

test('a large Produce frame that is malformed, or abandoned halfway, gives its slab back, and the broker goes on', async () => {
  const b = await startTestBroker();
  const broker = b.running.broker;
  try {
    const garbage = Buffer.alloc(200_000, 0xa5);
    garbage.writeInt16BE(ApiKey.Produce, 0);
    garbage.writeInt16BE(7, 2);
    const malformed = await RawClient.connect(b.port);
    assert.equal(await malformed.sendFrame(garbage), null, 'the broker closes the connection');
    const abandoned = connect(b.port, '127.0.0.1');
    await once(abandoned, 'connect');
    const size = Buffer.alloc(4);
    size.writeInt32BE(garbage.length);
    abandoned.write(Buffer.concat([size, garbage.subarray(0, 100_000)]));
    const conns = () => [...broker.connections];
    for (let i = 0; i < 200 && broker.slabs.stats().leased === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(broker.slabs.stats().leased, 1, 'the half-sent frame is being assembled in a slab');
    abandoned.destroy();
    for (let i = 0; i < 200 && conns().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(broker.slabs.stats().leased, 0, 'every slab is back');
    assert.ok(b.lines.some((l) => /malformed Produce/.test(l)), b.lines.join('\n'));
    const c = await RawClient.connect(b.port);
    const r = await c.request(ApiKey.Metadata, 8, { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    assert.equal(r.brokers.length, 1, 'the broker still answers');
    c.close();
  } finally {
    await b.stop();
  }
});
